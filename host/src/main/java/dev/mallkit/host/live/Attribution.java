package dev.mallkit.host.live;

import static java.util.Objects.requireNonNull;

/**
 * What an attribution token stands for.
 *
 * @param token    the short id links carry
 * @param storeId  the store that minted it
 * @param roomId   the live room
 * @param viewerId the viewer it was minted for
 * @param sharerId the member who shared the room with the viewer, or null
 */
public record Attribution(String token, String storeId, String roomId, String viewerId, String sharerId) {
    public Attribution {
        requireNonNull(token, "token is null");
        requireNonNull(storeId, "storeId is null");
        requireNonNull(roomId, "roomId is null");
        requireNonNull(viewerId, "viewerId is null");
    }
}
