package io.membergraph.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class DecidedPerCodeTests {

	@Test
	void asksOncePerCodeAndAnswersEveryRowAsDecided() {
		List<Integer> asked = new ArrayList<>();
		DecidedPerCode even = new DecidedPerCode(code -> {
			asked.add(code);
			return code % 2 == 0;
		});
		int[] rows = { 4, 7, 4, -1, 1000, 7, -1, 0, 1000 };
		List<Boolean> answers = new ArrayList<>();
		for (int code : rows) {
			answers.add(even.test(code));
		}

		assertThat(answers).containsExactly(true, false, true, false, true, false, false, true, true);
		assertThat(asked).containsExactly(4, 7, -1, 1000, 0);
	}

}
