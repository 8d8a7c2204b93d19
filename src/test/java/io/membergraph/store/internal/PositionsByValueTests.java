package io.membergraph.store.internal;

import java.util.List;

import de.bwaldvogel.mongo.bson.Document;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PositionsByValueTests {

	private final PositionsByValue byMember = new PositionsByValue("memberId");

	@Test
	void positionsComeBackAscendingWhateverTheOrderTheyWereAddedIn() {
		byMember.added(of("M1"), 7);
		byMember.added(of("M1"), 2);
		byMember.added(of("M2"), 3);
		byMember.added(of("M1"), 5);
		byMember.added(of("M1"), 5);

		assertThat(byMember.candidates("M1")).containsExactly(2, 5, 7);
		assertThat(byMember.candidates(new Document("$in", List.of("M2", "M1")))).containsExactly(2, 3, 5, 7);
		assertThat(byMember.candidates("M3")).isEmpty();
	}

	@Test
	void aRemovedOrMovedDocumentIsNoLongerACandidate() {
		byMember.added(of("M1"), 1);
		byMember.added(of("M1"), 4);
		byMember.removed(of("M1"), 1);
		byMember.added(new Document("memberId", List.of("M1", "M2")), 9);
		byMember.removed(new Document("memberId", List.of("M1", "M2")), 9);

		assertThat(byMember.candidates("M1")).containsExactly(4);
		assertThat(byMember.candidates("M2")).isEmpty();
	}

	@Test
	void aConditionCountsItsCandidatesWithoutListingThem() {
		byMember.added(of("M1"), 1);
		byMember.added(of("M1"), 4);
		byMember.added(of("M2"), 6);

		assertThat(byMember.count("M1")).isEqualTo(2);
		assertThat(byMember.count(new Document("$in", List.of("M1", "M2", "M3")))).isEqualTo(3);
		assertThat(byMember.count("M3")).isZero();
		assertThat(byMember.count(new Document("$ne", "M1"))).isEqualTo(-1);
		assertThat(byMember.count(null)).isEqualTo(-1);
	}

	@Test
	void conditionsTheIndexCannotAnswerAreLeftToAScan() {
		assertThat(byMember.candidates(null)).isNull();
		assertThat(byMember.candidates(new Document("$ne", "M1"))).isNull();
		assertThat(byMember.candidates(new Document("$in", List.of("M1", 3)))).isNull();
		assertThat(byMember.candidates(new Document("$exists", true))).isNull();
	}

	private static Document of(String memberId) {
		return new Document("memberId", memberId);
	}

}
