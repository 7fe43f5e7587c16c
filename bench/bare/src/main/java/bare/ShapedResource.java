package bare;

import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.common.annotation.NonBlocking;

/**
 * The framework's share of InOrder's {@code POST /events}, without InOrder: Quarkus REST reads the body whole and the
 * two headers InOrder reads, and answers 202 with a JSON body of the same size ({@code {"log","offset","count"}}).
 * Nothing is parsed or kept. Between the bare endpoint and InOrder, it shows what any REST resource of that shape costs.
 */
@Path("/shaped")
public class ShapedResource {

    private long offset;

    @POST
    @NonBlocking
    public Response accept(@HeaderParam("Content-Type") String contentType, @HeaderParam("X-Source-Id") String source,
            byte[] body) {
        // one event loop per connection; a race here only changes a number nobody reads
        return accepted(++offset, body.length > 0 ? 1 : 0);
    }

    /** InOrder's 202: {@code {"log","offset","count"}} as JSON. */
    static Response accepted(long offset, int count) {
        byte[] answer = ("{\"log\":\"events\",\"offset\":" + offset + ",\"count\":" + count + "}")
                .getBytes(StandardCharsets.US_ASCII);
        return Response.status(202).type(MediaType.APPLICATION_JSON_TYPE).entity(answer).build();
    }
}
