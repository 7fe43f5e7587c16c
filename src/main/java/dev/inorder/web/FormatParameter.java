package dev.inorder.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * {@code ?format=csv} (or {@code json}) on a read, for links and spreadsheets that cannot set {@code Accept}: taken as
 * that {@code Accept} before the method is chosen, so each resource offers its forms once, by media type. Any other
 * format is a 400.
 */
public class FormatParameter {

    @ServerRequestFilter(preMatching = true)
    public Response format(ContainerRequestContext request) {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            return null; // reads only: a POST /events does not have its query parsed for it
        }
        String format = request.getUriInfo().getQueryParameters().getFirst("format");
        if (format == null || format.isEmpty()) {
            return null;
        }
        String accept = switch (format) {
            case "csv" -> "text/csv";
            case "json" -> MediaType.APPLICATION_JSON;
            default -> null;
        };
        if (accept == null) {
            return Response.status(400).type(MediaType.APPLICATION_JSON)
                    .entity(new ApiError("invalid_format", "format must be csv or json.")).build();
        }
        request.getHeaders().putSingle(HttpHeaders.ACCEPT, accept);
        return null;
    }
}
