package io.membergraph.shared;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CursorTests {

	@Test
	void aCursorCarriesItsSortKeysThroughItsTextForm() {
		Cursor cursor = Cursor.decode(Cursor.of(Instant.parse("2026-11-11T00:00:00Z"), "TMALL:T-1|2").encode());
		assertThat(cursor.timeKey(0)).isEqualTo(Instant.parse("2026-11-11T00:00:00Z"));
		assertThat(cursor.key(1)).isEqualTo("TMALL:T-1|2");
	}

	@Test
	void textThatIsNoCursorIsInvalidInputForAfter() {
		assertThatThrownBy(() -> Cursor.decode("%%%")).isInstanceOf(InvalidInputException.class)
			.extracting(ex -> ((InvalidInputException) ex).field()).isEqualTo("after");
		// Valid Base64 of something else: refused, not read as a position past every member (an empty page).
		assertThatThrownBy(() -> Cursor.decode("garbage")).isInstanceOf(InvalidInputException.class)
			.hasMessageContaining("is not a cursor returned by this API");
		assertThatThrownBy(() -> Cursor.decode(java.util.Base64.getUrlEncoder().encodeToString("M10000001".getBytes(
				java.nio.charset.StandardCharsets.UTF_8)))).isInstanceOf(InvalidInputException.class);
		assertThatThrownBy(() -> Cursor.of("only-one-key").key(1)).isInstanceOf(InvalidInputException.class);
		assertThatThrownBy(() -> Cursor.of("not-a-time", "x").timeKey(0)).isInstanceOf(InvalidInputException.class);
	}

	@Test
	void pageSizesOutsideOneToAHundredAreRefused() {
		assertThat(PageRequest.of(null, null).first()).isEqualTo(PageRequest.DEFAULT_SIZE);
		assertThatThrownBy(() -> PageRequest.of(0, null)).isInstanceOf(InvalidInputException.class);
		assertThatThrownBy(() -> PageRequest.of(101, null)).isInstanceOf(InvalidInputException.class);
	}

}
