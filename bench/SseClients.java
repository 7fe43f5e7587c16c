import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * Holds CLIENTS Server-Sent Event connections to GET /live, STALLED of which never read (a 4 KB receive buffer, never
 * drained), the others reading and discarding everything. One thread, one selector. Prints a line every 10 s: open
 * connections, how many the server closed, megabytes read. Runs until killed.
 *
 * Usage: java bench/SseClients.java HOST PORT CLIENTS STALLED [QUERY]   (QUERY: "match=M"; or "follow=FORMAT:N",
 * where client i follows match String.format(FORMAT, i % N + 1), e.g. follow=BENCH%04d:20)
 */
public class SseClients {
    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        int clients = Integer.parseInt(args[2]);
        int stalled = Integer.parseInt(args[3]);
        String query = args.length > 4 ? args[4] : "";
        Selector selector = Selector.open();
        for (int i = 0; i < clients; i++) {
            SocketChannel channel = SocketChannel.open();
            boolean stall = i < stalled;
            if (stall) {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
            }
            channel.connect(new InetSocketAddress(host, port));
            String q = query;
            if (query.startsWith("follow=")) { // follow=FORMAT:N: client i follows match String.format(FORMAT, i % N + 1)
                String[] spec = query.substring(7).split(":");
                q = "match=" + String.format(spec[0], i % Integer.parseInt(spec[1]) + 1);
            }
            channel.write(ByteBuffer.wrap(("GET /live" + (q.isEmpty() ? "" : "?" + q) + " HTTP/1.1\r\nHost: " + host
                    + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
            channel.configureBlocking(false);
            if (!stall) {
                channel.register(selector, SelectionKey.OP_READ);
            } else {
                channel.register(selector, 0); // never read; the server closing it shows as a broken connection later
            }
        }
        System.out.printf("%d connections open (%d never read)%n", clients, stalled);
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 16);
        long bytes = 0;
        int closed = 0;
        long nextReport = System.nanoTime() + 10_000_000_000L;
        while (true) {
            selector.select(1000);
            for (SelectionKey key : selector.selectedKeys()) {
                SocketChannel channel = (SocketChannel) key.channel();
                int n;
                try {
                    while ((n = channel.read(buffer.clear())) > 0) {
                        bytes += n;
                    }
                } catch (IOException e) {
                    n = -1;
                }
                if (n < 0) {
                    closed++;
                    key.cancel();
                    channel.close();
                }
            }
            selector.selectedKeys().clear();
            if (System.nanoTime() > nextReport) {
                nextReport += 10_000_000_000L;
                System.out.printf("readers: %d closed by the server, %.1f MB read%n", closed, bytes / 1e6);
            }
        }
    }
}
