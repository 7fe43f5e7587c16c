package dev.inorder.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.inorder.AcceptedEvent;
import dev.inorder.ingest.EventParser;
import dev.inorder.match.MatchBook;
import dev.inorder.support.MatchScript;

/**
 * Two writers on one log, as two Kafka instances are for a moment when a partition moves: the store's compare-and-set
 * on the log's position lets one win, the other's write fails whole, and applying its chunk again from the store's truth
 * changes nothing that was applied already.
 */
class MatchStoreTest {

    final EventParser parser = new EventParser(new ObjectMapper(), 1 << 20, 10_000);
    final List<String> script = new MatchScript("CAS-1", "cas").events();
    final MatchStore store;

    MatchStoreTest() {
        var dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:store-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        store = new MatchStore(dataSource);
    }

    void apply(StoreHandler writer, int from, int to) {
        for (int i = from; i < to; i++) {
            var event = parser.parse("application/json", script.get(i).getBytes(StandardCharsets.UTF_8)).get(0);
            writer.apply(new AcceptedEvent("topic-0", i, "pc", 1_000 + i, event));
        }
    }

    void write(StoreHandler writer) {
        writer.flush(); // on failure, the writer's book forgets all it held
    }

    @Test
    void shouldLetOneOfTwoWritersOfALogWinAndTheOtherCatchUpWithoutApplyingAnythingTwice() {
        var secondBook = new MatchBook(store, 100);
        var first = new StoreHandler(new MatchBook(store, 100), store, changes -> {
        });
        var second = new StoreHandler(secondBook, store, changes -> {
        });
        apply(first, 0, 3);
        apply(second, 0, 6); // both read the log's position before either wrote: none yet
        write(first);
        apply(first, 3, 6);
        write(first);

        assertThatThrownBy(() -> write(second)).isInstanceOf(StoreException.class);

        apply(second, 0, script.size()); // again, from the store's truth
        write(second);
        assertThat(secondBook.count(MatchBook.Outcome.REPLAYED)).isEqualTo(6);
        assertThat(store.position("topic-0")).isEqualTo(script.size() - 1);
        var match = store.match("CAS-1").orElseThrow();
        assertThat(match.lastOffset()).isEqualTo(script.size() - 1);
        assertThat(match.ended()).isTrue();

        apply(first, 6, script.size()); // the first writer, unaware, tries its own copy of the rest
        assertThatThrownBy(() -> write(first)).isInstanceOf(StaleWriteException.class);
    }

    @Test
    void shouldUpdateChangedLinesInPlaceAndReplaceThemWhenThePlayersChange() {
        var writer = new StoreHandler(new MatchBook(store, 100), store, changes -> {
        });
        String[] snapshots = {
            "{\"Event\":\"UpdateState\",\"Data\":{\"MatchGuid\":\"LINES\",\"Players\":[{\"Name\":\"Ada\",\"Score\":10},{\"Name\":\"Bea\",\"Score\":20}]}}",
            "{\"Event\":\"UpdateState\",\"Data\":{\"MatchGuid\":\"LINES\",\"Players\":[{\"Name\":\"Ada\",\"Score\":15},{\"Name\":\"Bea\",\"Score\":20}]}}",
            "{\"Event\":\"UpdateState\",\"Data\":\"{\\\"MatchGuid\\\":\\\"LINES\\\",\\\"Players\\\":[{\\\"Name\\\":\\\"Ada\\\",\\\"Score\\\":16},{\\\"Name\\\":\\\"Cy\\\",\\\"Score\\\":5}]}\"}" };
        for (int i = 0; i < snapshots.length; i++) {
            var event = parser.parse("application/json", snapshots[i].getBytes(StandardCharsets.UTF_8)).get(0);
            writer.apply(new AcceptedEvent("lines", i, "pc", 1_000 + i, event));
            write(writer);
            var lines = store.match("LINES").orElseThrow().players();
            switch (i) {
                case 1 -> assertThat(lines).extracting(p -> p.name() + "=" + p.score()).as("Ada's line updated in place")
                        .containsExactly("Ada=15", "Bea=20");
                case 2 -> assertThat(lines).extracting(p -> p.name() + "=" + p.score()).as("Bea left, Cy came: lines replaced")
                        .containsExactlyInAnyOrder("Ada=16", "Cy=5");
                default -> assertThat(lines).hasSize(2);
            }
        }
    }
}
