package bare;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import io.smallrye.common.annotation.NonBlocking;

/** 202 to every POST /events, the body never read: the most an ingest endpoint on this machine can answer. */
@Path("/events")
public class BareResource {

    @POST
    @NonBlocking
    public Response accept() {
        return Response.accepted().build();
    }
}
