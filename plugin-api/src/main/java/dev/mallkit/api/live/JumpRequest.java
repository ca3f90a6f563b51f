package dev.mallkit.api.live;

import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A viewer in a live room asks where they can go.
 *
 * @param roomId           the live room
 * @param viewerId         the viewer (a member id or an anonymous viewer id)
 * @param sharerId         the member who shared the room with the viewer, or null
 * @param attributionToken a short id (at most 16 characters, [A-Za-z0-9]) the host minted for
 *                         (store, room, viewer, sharer); put it in links instead of long values
 */
public record JumpRequest(String roomId, String viewerId, String sharerId, String attributionToken) {
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9]{1,16}");

    public JumpRequest {
        requireNonNull(roomId, "roomId is null");
        requireNonNull(viewerId, "viewerId is null");
        requireNonNull(attributionToken, "attributionToken is null");
        if (!TOKEN.matcher(attributionToken).matches()) {
            throw new IllegalArgumentException("attributionToken must be 1-16 alphanumerics");
        }
    }
}
