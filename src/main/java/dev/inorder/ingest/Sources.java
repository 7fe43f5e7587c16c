package dev.inorder.ingest;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

/** The connectors that read from elsewhere, each {@link Source} registered once at start. */
@ApplicationScoped
public class Sources {

    private final List<Source> sources = new CopyOnWriteArrayList<>();

    public Source register(String name, String kind, String target) {
        Source source = new Source(name, kind, target);
        sources.add(source);
        return source;
    }

    public List<Source.View> views() {
        return sources.stream().map(Source::view).toList();
    }
}
