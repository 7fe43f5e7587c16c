package dev.inorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;

class TextPoolTest {

    private static final TextPool POOL = TextPool.INSTANCE;

    private static Snapshot read(String json) throws Exception {
        return Snapshot.READER.readValue(json);
    }

    private static String snapshot(String name, int score) {
        return "{\"MatchGuid\":\"G1\",\"Players\":[{\"Name\":\"" + name + "\",\"PrimaryId\":\"Steam|1|0\",\"Score\":" + score
                + "}],\"Game\":{\"Arena\":\"Stadium_P\",\"Teams\":[{\"Name\":\"Blue\",\"ColorPrimary\":\"1873FF\"}]}}";
    }

    @Test
    void snapshotsOfOneMatchShareTheirTexts() throws Exception {
        Snapshot first = read(snapshot("Ada", 100));
        Snapshot second = read(snapshot("Ada", 110));
        assertEquals("Ada", second.players().get(0).name());
        assertSame(first.players().get(0).name(), second.players().get(0).name());
        assertSame(first.players().get(0).primaryId(), second.players().get(0).primaryId());
        assertSame(first.matchGuid(), second.matchGuid());
        assertSame(first.game().arena(), second.game().arena());
        assertSame(first.game().teams().get(0).colorPrimary(), second.game().teams().get(0).colorPrimary());
        assertEquals(110, second.players().get(0).score());
    }

    @Test
    void aTextIsReturnedAsReadWhateverItsSlotHeld() throws Exception {
        // Many texts, more than the slots: each comes back equal to what was read, shared or not.
        for (int i = 0; i < 3 * TextPool.SLOTS; i++) {
            char[] chars = ("x" + i + "y").toCharArray();
            assertEquals("x" + i + "y", POOL.text(chars, 0, chars.length));
        }
        char[] padded = "__Bea__".toCharArray();
        assertEquals("Bea", POOL.text(padded, 2, 3));
        assertEquals("", POOL.text(padded, 0, 0));
    }

    @Test
    void longTextsAreNotKept() {
        char[] chars = "L".repeat(TextPool.MAX_LENGTH + 1).toCharArray();
        String first = POOL.text(chars, 0, chars.length);
        String second = POOL.text(chars, 0, chars.length);
        assertEquals(first, second);
        assertNotSame(first, second);
    }

    @Test
    void readsWhatJacksonsStringReaderReads() throws Exception {
        assertEquals("42", read("{\"Players\":[{\"Name\":42}]}").players().get(0).name()); // a number as text, as before
        assertThrows(MismatchedInputException.class, () -> read("{\"Players\":[{\"Name\":{\"x\":1}}]}"));
    }

    @Test
    void sharedByThreadsWithoutALockEveryTextComesBackAsRead() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                results.add(threads.submit(() -> {
                    int wrong = 0;
                    for (int i = 0; i < 200_000; i++) {
                        String expected = "p" + ((i * 7 + seed) % 5_000);
                        char[] chars = expected.toCharArray();
                        if (!expected.equals(POOL.text(chars, 0, chars.length))) {
                            wrong++;
                        }
                    }
                    return wrong;
                }));
            }
            for (Future<Integer> result : results) {
                assertEquals(0, result.get());
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
