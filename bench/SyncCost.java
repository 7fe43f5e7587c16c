import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * What forcing a commit to this machine's disk costs, alone: COMMITS times, KB kilobytes rewritten in a file of 64 such
 * blocks (its size stays, as H2's file does once its space is reused) and forced, with fsync (force(true), what H2
 * asks) and fdatasync (force(false)) alternated over 6 rows; the thread's CPU and the wall time per commit.
 * Usage: java bench/SyncCost.java COMMITS KB FILE   (bench/sync.sh)
 */
public class SyncCost {
    public static void main(String[] args) throws Exception {
        var threads = ManagementFactory.getThreadMXBean();
        int commits = Integer.parseInt(args[0]);
        ByteBuffer block = ByteBuffer.allocate(Integer.parseInt(args[1]) * 1024);
        try (FileChannel file = FileChannel.open(Path.of(args[2]), CREATE, READ, WRITE)) {
            for (int row = 0; row < 6; row++) {
                boolean fsync = row % 2 == 0;
                long cpu = threads.getCurrentThreadCpuTime();
                long wall = System.nanoTime();
                for (int i = 0; i < commits; i++) {
                    block.clear();
                    file.write(block, (long) (i % 64) * block.capacity());
                    file.force(fsync);
                }
                System.out.printf("%-9s %6.1f µs CPU, %6.1f µs wall a commit%n", fsync ? "fsync" : "fdatasync",
                        (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / commits, (System.nanoTime() - wall) / 1e3 / commits);
            }
        }
    }
}
