package dev.inorder.processing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import dev.inorder.AcceptedEvent;

/**
 * The handler of {@code inorder.processing.handler=memory}, for measuring the ordered path without a database: it
 * remembers how many events of each name it applied and the last one, in constant space.
 */
public class AppliedEventLog implements EventHandler {

    private final Map<String, LongAdder> countsByEvent = new ConcurrentHashMap<>();
    private volatile AcceptedEvent last;

    @Override
    public void apply(AcceptedEvent event) {
        countsByEvent.computeIfAbsent(event.event().event(), name -> new LongAdder()).increment();
        last = event;
    }

    public long count(String eventName) {
        var count = countsByEvent.get(eventName);
        return count == null ? 0 : count.sum();
    }

    public AcceptedEvent last() {
        return last;
    }
}
