package dev.inorder;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The {@code Data} of an {@code UpdateState}, the game's snapshot of a match (up to 120 a second per match), in a
 * compact typed form: the fields the Stats API lists, in its own names, each {@code null} when the game left it out
 * (it leaves out what is false or not relevant). Read by Jackson straight from the JSON text ({@link SnapshotReader}), with no tree between,
 * and written back the same way (Kafka, dead letters): a snapshot held in the queue is a few small objects instead of a
 * tree of every field, which the garbage collector would otherwise copy while it waits (bench/README.md). Fields the
 * Stats API does not list are not kept.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record Snapshot(@JsonProperty("MatchGuid") String matchGuid, @JsonProperty("Players") List<Car> players,
        @JsonProperty("Game") Game game) {

    /** The event whose {@code Data} this is. */
    public static final String EVENT = "UpdateState";

    /** Reads snapshots with {@link SnapshotReader}'s tables; writes them back with Jackson's own record writing. */
    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(SnapshotReader.MODULE);

    /** How the door reads a snapshot from JSON text: see {@link SnapshotReader}. */
    public static final ObjectReader READER = MAPPER.readerFor(Snapshot.class);

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record Game(@JsonProperty("Teams") List<TeamState> teams, @JsonProperty("TimeSeconds") Integer timeSeconds,
            @JsonProperty("bOvertime") Boolean overtime, @JsonProperty("Ball") Ball ball,
            @JsonProperty("bReplay") Boolean replay, @JsonProperty("bHasWinner") Boolean hasWinner,
            @JsonProperty("Winner") String winner, @JsonProperty("Arena") String arena,
            @JsonProperty("bHasTarget") Boolean hasTarget, @JsonProperty("Target") Ref target) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record TeamState(@JsonProperty("Name") String name, @JsonProperty("TeamNum") Integer teamNum,
            @JsonProperty("Score") Integer score, @JsonProperty("ColorPrimary") String colorPrimary,
            @JsonProperty("ColorSecondary") String colorSecondary) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record Ball(@JsonProperty("Speed") Double speed, @JsonProperty("TeamNum") Integer teamNum) {
    }

    /** A player named elsewhere (the spectated target, a car's attacker): no PrimaryId, as the game sends it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record Ref(@JsonProperty("Name") String name, @JsonProperty("Shortcut") Integer shortcut,
            @JsonProperty("TeamNum") Integer teamNum) {

        /** The same reference with its name cut to {@code max} characters: itself when it is not longer. */
        Ref cut(int max) {
            return longer(name, max) ? new Ref(Snapshot.cut(name, max), shortcut, teamNum) : this;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record Car(@JsonProperty("Name") String name, @JsonProperty("PrimaryId") String primaryId,
            @JsonProperty("Shortcut") Integer shortcut, @JsonProperty("TeamNum") Integer teamNum,
            @JsonProperty("Score") Integer score, @JsonProperty("Goals") Integer goals, @JsonProperty("Shots") Integer shots,
            @JsonProperty("Assists") Integer assists, @JsonProperty("Saves") Integer saves,
            @JsonProperty("Touches") Integer touches, @JsonProperty("CarTouches") Integer carTouches,
            @JsonProperty("Demos") Integer demos, @JsonProperty("bHasCar") Boolean hasCar,
            @JsonProperty("Speed") Double speed, @JsonProperty("Boost") Integer boost,
            @JsonProperty("bBoosting") Boolean boosting, @JsonProperty("bOnGround") Boolean onGround,
            @JsonProperty("bOnWall") Boolean onWall, @JsonProperty("bPowersliding") Boolean powersliding,
            @JsonProperty("bDemolished") Boolean demolished, @JsonProperty("bSupersonic") Boolean supersonic,
            @JsonProperty("Attacker") Ref attacker) {

        /** The same car with its texts cut to {@code max} characters: itself when none is longer. */
        Car cut(int max) {
            if (!longer(name, max) && !longer(primaryId, max) && (attacker == null || attacker.cut(max) == attacker)) {
                return this;
            }
            return new Car(Snapshot.cut(name, max), Snapshot.cut(primaryId, max), shortcut, teamNum, score, goals, shots, assists, saves,
                    touches, carTouches, demos, hasCar, speed, boost, boosting, onGround, onWall, powersliding, demolished,
                    supersonic, attacker == null ? null : attacker.cut(max));
        }
    }

    /** A snapshot given as a tree (Data as an object on Kafka, in tests): the same reading as the door's. */
    public static Snapshot of(ObjectNode data) {
        try {
            return MAPPER.treeToValue(data, Snapshot.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not an UpdateState's Data: " + e.getOriginalMessage(), e);
        }
    }

    /** Back to the game's JSON, absent fields left out. */
    public ObjectNode toTree() {
        return MAPPER.valueToTree(this);
    }

    /**
     * What the live views show beyond the stored lines, bounded: at most {@code maxCars} cars and two teams, texts cut to
     * {@code maxText} characters, the rest of the game object (clock, scores: the match holds them) left out. Shares
     * what needs no cutting, so that keeping it per event costs a few objects.
     */
    public Snapshot live(int maxCars, int maxText) {
        List<Car> cars = null;
        if (players != null) {
            cars = new ArrayList<>(Math.min(maxCars, players.size()));
            for (Car car : players) {
                if (cars.size() == maxCars) {
                    break;
                }
                cars.add(car.cut(maxText));
            }
        }
        Game liveGame = null;
        if (game != null) {
            List<TeamState> teams = null;
            if (game.teams() != null) {
                teams = new ArrayList<>(2);
                for (TeamState t : game.teams()) {
                    if (teams.size() == 2) {
                        break;
                    }
                    teams.add(new TeamState(null, t.teamNum(), null, cut(t.colorPrimary(), maxText), cut(t.colorSecondary(), maxText)));
                }
            }
            liveGame = new Game(teams, null, null, game.ball(), game.replay(), null, null, null, game.hasTarget(),
                    game.target() == null ? null : game.target().cut(maxText));
        }
        return new Snapshot(null, cars, liveGame);
    }

    private static boolean longer(String text, int max) {
        return text != null && text.length() > max;
    }

    private static String cut(String text, int max) {
        return longer(text, max) ? text.substring(0, max) : text;
    }
}
