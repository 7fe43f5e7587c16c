package bare;

import java.io.IOException;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;

import io.smallrye.common.annotation.NonBlocking;

/**
 * {@code /shaped} plus the least that checking a body is JSON costs: Jackson's streaming parser walks every token
 * (names and values read, nothing built, nothing kept), and a body that is not JSON gets a 400. A service that answers
 * 202 only to what it could apply must read at least this much before it answers; between {@code /shaped} and this is
 * the floor of that reading, between this and InOrder is everything InOrder does beyond it.
 */
@Path("/validated")
public class ValidatedResource {

    private static final JsonFactory JSON = new JsonFactory();

    private long offset;

    @POST
    @NonBlocking
    public Response accept(@HeaderParam("Content-Type") String contentType, @HeaderParam("X-Source-Id") String source,
            byte[] body) {
        int values = 0;
        try (JsonParser parser = JSON.createParser(body)) {
            while (parser.nextToken() != null) {
                if (parser.currentToken().isScalarValue()) {
                    values += parser.getTextLength(); // the value read, as a reader taking it would
                }
            }
        } catch (IOException e) {
            return Response.status(400).build();
        }
        return ShapedResource.accepted(++offset, values > 0 ? 1 : 0); // as /shaped's counter: a race changes nothing read
    }
}
