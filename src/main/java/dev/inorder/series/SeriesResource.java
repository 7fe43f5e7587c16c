package dev.inorder.series;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.inorder.query.MatchQueries;
import dev.inorder.web.ApiError;
import dev.inorder.web.ApiException;

/**
 * {@code /series}: best-of-N series between two named teams. Writes need the write key, like every write. Blocking
 * JDBC on the worker pool.
 */
@Path("/series")
@Produces(MediaType.APPLICATION_JSON)
public class SeriesResource {

    /** What {@code POST /series} takes. */
    public record NewSeries(String name, Integer bestOf, List<Series.SeriesTeam> teams) {
    }

    /** What {@code POST /series/{id}/matches} takes. */
    public record Attach(String guid) {
    }

    @Inject
    SeriesBook book;

    @Inject
    MatchQueries queries;

    @Inject
    ObjectMapper mapper;

    @GET
    @Operation(summary = "Every series, newest first, with its score")
    public List<SeriesScore> list() {
        return book.reload();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A series: its teams' wins, state (open, decided, closed) and matches")
    @APIResponse(responseCode = "404", description = "unknown_series", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public SeriesScore get(@PathParam("id") String id) {
        return book.store().score(series(id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Starts a series", description = "{\"name\", \"bestOf\" (1-99), \"teams\": [{\"name\", \"logo\" "
            + "(an http(s) URL, optional), \"color\" (#RRGGBB, optional)} x 2]}. Matches between the two team names (either "
            + "way round, without case) first seen from now on join it until a team has won more than half; others can be "
            + "attached by hand.")
    @RequestBody(content = @Content(schema = @Schema(implementation = NewSeries.class)))
    @APIResponse(responseCode = "201", description = "created; Location names it")
    @APIResponse(responseCode = "400", description = "invalid_json or invalid_series", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response create(String body) {
        NewSeries request = read(body, NewSeries.class);
        Series series = new Series(UUID.randomUUID().toString(), text(request.name(), "name", 200), bestOf(request.bestOf()),
                teams(request.teams()), Instant.now(), null);
        book.store().create(series);
        return Response.created(URI.create("/series/" + series.id())).entity(reloaded(series.id())).build();
    }

    @POST
    @Path("/{id}/matches")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Attaches a match to a series by hand", description = "{\"guid\": \"…\"}: counted whatever its team names.")
    @RequestBody(content = @Content(schema = @Schema(implementation = Attach.class)))
    @APIResponse(responseCode = "404", description = "unknown_series or unknown_match", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public SeriesScore attach(@PathParam("id") String id, String body) {
        Series series = series(id);
        String guid = text(read(body, Attach.class).guid(), "guid", 200);
        if (queries.match(guid).isEmpty()) {
            throw new ApiException(404, "unknown_match", "No match " + guid + " is stored.");
        }
        book.store().attach(series.id(), guid);
        return reloaded(series.id());
    }

    @POST
    @Path("/{id}/close")
    @Operation(summary = "Closes a series: no match joins it by name any more")
    @APIResponse(responseCode = "404", description = "unknown_series", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public SeriesScore close(@PathParam("id") String id) {
        series(id);
        book.store().close(id);
        return reloaded(id);
    }

    /** Every series read again (the live views take the change at once), and this one's score among them. */
    private SeriesScore reloaded(String id) {
        return book.reload().stream().filter(s -> s.series().id().equals(id)).findFirst()
                .orElseThrow(() -> new ApiException(404, "unknown_series", "No series " + id + "."));
    }

    private Series series(String id) {
        return book.store().get(id).orElseThrow(() -> new ApiException(404, "unknown_series", "No series " + id + "."));
    }

    private <T> T read(String body, Class<T> type) {
        try {
            T value = body == null || body.isBlank() ? null : mapper.readValue(body, type);
            if (value == null) {
                throw new ApiException(400, "invalid_series", "The body must be a JSON object.");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "invalid_json", "The body is not the JSON expected: " + e.getOriginalMessage());
        }
    }

    private static String text(String value, String field, int max) {
        if (value == null || value.isBlank() || value.length() > max || value.chars().anyMatch(Character::isISOControl)) {
            throw new ApiException(400, "invalid_series", field + " must be text of 1 to " + max + " characters.");
        }
        return value.trim();
    }

    private static int bestOf(Integer bestOf) {
        if (bestOf == null || bestOf < 1 || bestOf > 99) {
            throw new ApiException(400, "invalid_series", "bestOf must be a whole number from 1 to 99.");
        }
        return bestOf;
    }

    private static List<Series.SeriesTeam> teams(List<Series.SeriesTeam> teams) {
        if (teams == null || teams.size() != 2 || teams.contains(null)) {
            throw new ApiException(400, "invalid_series", "teams must hold two teams.");
        }
        List<Series.SeriesTeam> checked = new ArrayList<>();
        for (Series.SeriesTeam t : teams) {
            String logo = t.logo() == null || t.logo().isBlank() ? null : t.logo().trim();
            if (logo != null && (logo.length() > 2000 || !logo.matches("(?i)https?://\\S+"))) {
                throw new ApiException(400, "invalid_series", "a logo must be an http(s) URL.");
            }
            String color = t.color() == null || t.color().isBlank() ? null : t.color().trim();
            if (color != null && !color.matches("#?[0-9A-Fa-f]{6}")) {
                throw new ApiException(400, "invalid_series", "a color must be #RRGGBB.");
            }
            checked.add(new Series.SeriesTeam(text(t.name(), "a team's name", 200), logo,
                    color == null ? null : (color.startsWith("#") ? color : "#" + color).toUpperCase(Locale.ROOT)));
        }
        if (checked.get(0).name().equalsIgnoreCase(checked.get(1).name())) {
            throw new ApiException(400, "invalid_series", "the two teams need different names.");
        }
        return List.copyOf(checked);
    }
}
