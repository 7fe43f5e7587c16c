-- Test only: the store refuses timeline events named Poison, as a database refuses a value it cannot hold.
ALTER TABLE timeline_events ADD CONSTRAINT no_poison CHECK (event_name <> 'Poison');
