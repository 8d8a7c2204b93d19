package io.membergraph.member;

import java.time.Instant;

/** Whether the member agreed to marketing through one contact channel, and when that was last said. */
public record Consent(boolean granted, Instant updatedAt) {
}
