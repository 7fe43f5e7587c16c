package dev.inorder.support;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A plugin that streams one match's timeline events with Seq, one request at a time, and does what a well-behaved
 * plugin does with a 503: waits as told and sends the same events again. It remembers, in order, every event a 202
 * accepted: that is what the service promised to apply.
 */
public final class Sender implements Runnable {

    private final URI events;
    private final String source;
    private final String matchGuid;
    private final int batch;
    private final AtomicBoolean stop;
    private final List<Long> accepted = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> acceptedOffsets = Collections.synchronizedList(new ArrayList<>());
    private volatile int refused;
    private volatile Throwable failure;
    private long seq;

    /** @param batch events per request; the sender stops after the request in flight once {@code stop} is set */
    public Sender(URI events, String source, String matchGuid, int batch, AtomicBoolean stop) {
        this.events = events;
        this.source = source;
        this.matchGuid = matchGuid;
        this.batch = batch;
        this.stop = stop;
    }

    /** A timeline event of this sender's match, carrying its Seq in its data too, to read back. */
    public static String event(String name, String matchGuid, long seq) {
        return "{\"Event\":\"" + name + "\",\"Seq\":" + seq + ",\"Data\":{\"MatchGuid\":\"" + matchGuid
                + "\",\"EventName\":\"Shot\",\"Number\":" + seq + "}}";
    }

    @Override
    public void run() {
        try {
            while (!stop.get()) {
                List<String> body = new ArrayList<>();
                for (int i = 1; i <= batch; i++) {
                    body.add(event("StatfeedEvent", matchGuid, seq + i));
                }
                Client.Answer answer;
                do {
                    answer = Client.post(events, source, Events.array(body));
                    if (answer.status() == 503) {
                        refused++;
                        Thread.sleep(50); // shorter than Retry-After, to keep the pressure on during the test
                    } else if (answer.status() != 202) {
                        throw new AssertionError("unexpected " + answer.status() + " " + answer.body());
                    }
                } while (answer.status() != 202);
                for (int i = 1; i <= batch; i++) {
                    accepted.add(seq + i);
                }
                acceptedOffsets.addAll(answer.offsets());
                seq += batch;
                Thread.sleep(2);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure = t;
        }
    }

    /** The Seqs of every event a 202 accepted, in the order sent. */
    public List<Long> accepted() {
        synchronized (accepted) {
            return List.copyOf(accepted);
        }
    }

    public long lastOffset() {
        synchronized (acceptedOffsets) {
            return acceptedOffsets.isEmpty() ? 0 : acceptedOffsets.get(acceptedOffsets.size() - 1);
        }
    }

    public int refused() {
        return refused;
    }

    public Throwable failure() {
        return failure;
    }

    public String matchGuid() {
        return matchGuid;
    }
}
