import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.inorder.ingest.EventParser;

/**
 * The door's reading alone, in process: {@code EventParser.parse} over request bodies captured from a wrk script
 * (bench/parse.sh), on this thread, CPU time and bytes allocated per event from the JVM's own thread counters.
 * Usage: java -cp target/classes:LIBS bench/ParseBench.java BODY_DIR [ROUNDS]
 */
public class ParseBench {

    public static void main(String[] args) throws Exception {
        List<byte[]> bodies = new ArrayList<>();
        try (var files = Files.list(Path.of(args[0]))) {
            for (Path file : files.sorted().toList()) {
                bodies.add(Files.readAllBytes(file));
            }
        }
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 14;
        EventParser parser = new EventParser(new ObjectMapper(), 1 << 22, 500);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        List<Double> micros = new ArrayList<>();
        double kilobytes = 0;
        long sink = 0;
        for (int round = 0; round < rounds; round++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long allocated = threads.getThreadAllocatedBytes(thread);
            long events = 0;
            for (int i = 0; i < 20_000; i++) {
                var parsed = parser.parse("application/x-ndjson", bodies.get(i % bodies.size()));
                events += parsed.size();
                sink += parsed.get(0).hashCode();
            }
            if (round >= rounds / 2) { // the first half warms the JIT up
                micros.add((threads.getCurrentThreadCpuTime() - cpu) / 1e3 / events);
                kilobytes = (threads.getThreadAllocatedBytes(thread) - allocated) / 1024.0 / events;
            }
        }
        Collections.sort(micros);
        System.out.printf("parse: median %.2f us CPU per event (least %.2f, most %.2f over %d rounds), %.2f KB allocated per event%s%n",
                micros.get(micros.size() / 2), micros.get(0), micros.get(micros.size() - 1), micros.size(), kilobytes,
                sink == 42 ? " " : "");
    }
}
