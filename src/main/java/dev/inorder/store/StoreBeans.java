package dev.inorder.store;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.inorder.InOrderConfig;
import dev.inorder.deadletter.DeadLetterStore;
import dev.inorder.ingest.OffsetReservations;
import dev.inorder.ingest.RecentEvents;
import dev.inorder.ingest.SenderSeqs;
import dev.inorder.match.CommittedChanges;
import dev.inorder.match.MatchBook;
import dev.inorder.match.MatchProcessor;
import dev.inorder.match.Ownership;
import dev.inorder.query.MatchQueries;
import dev.inorder.processing.AppliedEventLog;
import dev.inorder.processing.EventHandler;
import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.arc.Arc;
import io.quarkus.flyway.FlywayDataSource;
import io.quarkus.runtime.Startup;

/**
 * Chooses the database and builds the store. The embedded H2 file database is the default; setting
 * {@code quarkus.datasource.jdbc.url} (env {@code QUARKUS_DATASOURCE_JDBC_URL}) switches to PostgreSQL, with one
 * build. The chosen database is migrated by Flyway before the first event is applied.
 */
@ApplicationScoped
public class StoreBeans {

    private static final Logger LOG = Logger.getLogger(StoreBeans.class);

    /** The name of the embedded datasource in {@code application.properties}. */
    static final String EMBEDDED = "embedded";

    /** The database the store uses: its pool, migrated. */
    public record Database(AgroalDataSource dataSource, String kind) {
    }

    @Produces
    @Singleton
    static Database database() {
        boolean postgres = ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.jdbc.url", String.class).isPresent();
        var container = Arc.container();
        AgroalDataSource dataSource = postgres ? container.select(AgroalDataSource.class).get()
                : container.select(AgroalDataSource.class, new DataSource.DataSourceLiteral(EMBEDDED)).get();
        Flyway flyway = postgres ? container.select(Flyway.class).get()
                : container.select(Flyway.class, FlywayDataSource.FlywayDataSourceLiteral.of(EMBEDDED)).get();
        var migration = flyway.migrate();
        LOG.infof("Store: %s, schema at version %s (%d migrations applied now)", postgres ? "PostgreSQL" : "embedded H2",
                flyway.info().current() == null ? "none" : flyway.info().current().getVersion(), migration.migrationsExecuted);
        return new Database(dataSource, postgres ? "postgresql" : "h2");
    }

    @Produces
    @Singleton
    @Typed(MatchStore.class) // its ports are handed out by the producers below, each chosen by configuration
    static MatchStore store(Database database, InOrderConfig config) {
        boolean h2 = "h2".equals(database.kind());
        return new MatchStore(database.dataSource(), h2 && config.store().syncCommits() ? "CHECKPOINT SYNC" : null);
    }

    /**
     * The embedded H2 file, kept near its data's size while it runs ({@code inorder.store.compact-every}, and a short
     * retention of unused chunks when commits are forced to the disk); PostgreSQL needs none, and the memory-only
     * handler (benchmarks) opens no database.
     */
    @Produces
    @Singleton
    @Startup
    static H2Upkeep h2Upkeep(Instance<Database> database, InOrderConfig config) {
        if (config.processing().handler() != InOrderConfig.Processing.Handler.STORE || !"h2".equals(database.get().kind())) {
            return H2Upkeep.none();
        }
        return H2Upkeep.start(database.get().dataSource(), config.store().compactEvery(), config.store().syncCommits());
    }

    static void stop(@Disposes H2Upkeep upkeep) {
        upkeep.close();
    }

    @Produces
    @Singleton
    static DeadLetterStore deadLetters(Database database, ObjectMapper mapper) {
        return new DeadLetterStore(database.dataSource(), mapper);
    }

    /** Offsets are reserved in the store; the memory-only handler (benchmarks) keeps nothing. */
    @Produces
    @Singleton
    static OffsetReservations reservations(InOrderConfig config, MatchStore store) {
        return switch (config.processing().handler()) {
            case STORE -> store;
            case MEMORY -> OffsetReservations.NONE;
        };
    }

    /** Where a connector's own Seq continues after a restart; the memory-only handler (benchmarks) keeps nothing. */
    @Produces
    @Singleton
    static SenderSeqs senderSeqs(InOrderConfig config, MatchStore store) {
        return switch (config.processing().handler()) {
            case STORE -> store::highestSeq;
            case MEMORY -> source -> 0;
        };
    }

    /** A repeat after a crash is recognised against what the store holds; the memory-only handler holds nothing. */
    @Produces
    @Singleton
    static RecentEvents recentEvents(InOrderConfig config, MatchStore store, ObjectMapper mapper) {
        return switch (config.processing().handler()) {
            case STORE -> event -> {
                String guid = event.matchGuid();
                if (guid == null || MatchProcessor.isState(event.event())) {
                    return false;
                }
                for (String[] stored : store.latestTimeline(guid, RecentEvents.DEPTH)) {
                    try {
                        if (stored[0].equals(event.event()) && mapper.readTree(stored[1]).equals(event.data())) {
                            return true;
                        }
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("The store holds Data that is not JSON", e);
                    }
                }
                return false;
            };
            case MEMORY -> event -> false;
        };
    }

    @Produces
    @Singleton
    static MatchQueries queries(Database database, ObjectMapper mapper) {
        return new MatchQueries(database.dataSource(), mapper);
    }

    @Produces
    @Singleton
    static MatchBook book(MatchStore store, InOrderConfig config) {
        return new MatchBook(store, config.store().maxCachedMatches(), ownership(config));
    }

    /** With sender keys configured, a match belongs to its creator and the senders it allows; without, to anyone. */
    static Ownership ownership(InOrderConfig config) {
        if (config.senders().isEmpty()) {
            return Ownership.ANYONE;
        }
        Map<String, Set<String>> allowed = new HashMap<>();
        config.senders().forEach((name, sender) -> allowed.put(name, Set.copyOf(sender.allow().orElse(List.of()))));
        return Ownership.of(allowed);
    }

    @Produces
    @Singleton
    static EventHandler handler(InOrderConfig config, MatchBook book, MatchStore store, CommittedChanges committed) {
        return switch (config.processing().handler()) {
            case STORE -> new StoreHandler(book, store, committed);
            case MEMORY -> new AppliedEventLog();
        };
    }
}
