package dev.inorder.web;

import org.jboss.resteasy.reactive.RestResponse;

/**
 * The body of every error answer.
 *
 * @param error a short, stable code a client can branch on, e.g. {@code queue_full}
 * @param detail a sentence for a person
 */
public record ApiError(String error, String detail) {

    /** This error as an answer with the given status. */
    public RestResponse.ResponseBuilder<ApiError> withStatus(int status) {
        return RestResponse.ResponseBuilder.<ApiError> create(status).entity(this);
    }
}
