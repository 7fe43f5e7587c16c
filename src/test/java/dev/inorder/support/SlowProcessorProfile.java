package dev.inorder.support;

import java.util.Map;
import java.util.Set;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Processing through {@link RecordingHandler}: slow, random, and watched. */
public class SlowProcessorProfile implements QuarkusTestProfile {

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(RecordingHandler.class);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of();
    }

    /** The same, with a queue of 20 events so that a flood overflows it. */
    public static class SmallQueue extends SlowProcessorProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("inorder.queue.capacity", "20");
        }
    }

    /** The same queue of 20 events, where a request that finds it full waits up to 30 s for room. */
    public static class SmallQueueLongWait extends SlowProcessorProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("inorder.queue.capacity", "20", "inorder.queue.max-wait", "30s");
        }
    }

    /** The same, in an application of its own, because draining closes ingest for good. */
    public static class Draining extends SlowProcessorProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("inorder.shutdown.drain-timeout", "20s");
        }
    }
}
