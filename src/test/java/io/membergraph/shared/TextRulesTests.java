package io.membergraph.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules every free text of the API keeps: one line or several, and never text damaged on its way in. */
class TextRulesTests {

	@Test
	void oneLineKeepsAnyScriptAndWholeCharactersOutsideTheBasicPlane() {
		assertThat(InvalidInputException.oneLine("name", "王小明 😀 Ægir", 20)).isEqualTo("王小明 😀 Ægir");
	}

	@Test
	void oneLineRefusesLineBreaksControlsAndDirectionMarks() {
		for (String text : new String[] { "a\nb", "a\tb", "a\u0000b", "a\u202Eb", "a\u2067b" }) {
			assertThatThrownBy(() -> InvalidInputException.oneLine("name", text, 20))
				.isInstanceOfSatisfying(InvalidInputException.class, refused -> {
					assertThat(refused.field()).isEqualTo("name");
					assertThat(refused.reason()).startsWith("holds a control character").endsWith("one line of text only");
				});
		}
	}

	@Test
	void aParagraphKeepsLineBreaksAndTabsButNoOtherControl() {
		assertThat(InvalidInputException.paragraph("description", "first\r\n\tsecond", 100)).isEqualTo("first\r\n\tsecond");
		assertThatThrownBy(() -> InvalidInputException.paragraph("description", "bell\u0007", 100))
			.isInstanceOfSatisfying(InvalidInputException.class,
					refused -> assertThat(refused.reason()).isEqualTo("holds a control character (U+0007)"));
	}

	@Test
	void halfASurrogatePairOrTheReplacementCharacterIsGarbledText() {
		for (String text : new String[] { "ab\uD83D", "ab\uDE00c", "\uDE00\uD83Dc", "ab\uFFFD" }) {
			for (boolean paragraph : new boolean[] { false, true }) {
				assertThatThrownBy(() -> {
					if (paragraph) {
						InvalidInputException.paragraph("name", text, 20);
					}
					else {
						InvalidInputException.oneLine("name", text, 20);
					}
				}).isInstanceOfSatisfying(InvalidInputException.class,
						refused -> assertThat(refused.reason()).startsWith("holds a garbled character (U+")
							.contains("the text was damaged before it arrived"));
			}
		}
		assertThatThrownBy(() -> InvalidInputException.oneLine("name", "ab\uD83D", 20))
			.hasMessage("name: holds a garbled character (U+D83D) at position 3: the text was damaged before it arrived");
	}

	@Test
	void aTextLongerThanItsBoundIsRefusedAndNoneIsNone() {
		assertThatThrownBy(() -> InvalidInputException.oneLine("name", "x".repeat(21), 20))
			.hasMessage("name: is longer than 20 characters");
		assertThat(InvalidInputException.oneLine("name", null, 20)).isNull();
		assertThat(InvalidInputException.paragraph("name", null, 20)).isNull();
	}

	/**
	 * A reason quotes the value it refuses; a value of 100,000 characters is quoted by its start and end, so that
	 * what the reason says after it stays readable and the answer stays small.
	 */
	@Test
	void aReasonQuotingAHugeValueKeepsItsStartAndEndAndWhatItSays() {
		InvalidInputException refused = new InvalidInputException("tierCode", "'" + "x".repeat(100_000) + "' is not a tier");

		assertThat(refused.reason()).hasSizeLessThanOrEqualTo(InvalidInputException.MAX_REASON)
			.startsWith("'xxx")
			.containsPattern("…\\(99\\d{3} characters left out\\)…")
			.endsWith("xxx' is not a tier");
		assertThat(refused.getMessage()).hasSizeLessThan(InvalidInputException.MAX_REASON + 20);
		assertThat(new InvalidInputException("mapping." + "k".repeat(10_000), "is no field").field())
			.hasSizeLessThanOrEqualTo(InvalidInputException.MAX_FIELD);
	}

	@Test
	void cuttingAReasonNeverSplitsACharacterOutsideTheBasicPlane() {
		String reason = InvalidInputException.cut("😀".repeat(1_000), 100);

		assertThat(InvalidInputException.halfOfAPairAt(reason)).isEqualTo(-1);
		assertThat(InvalidInputException.cut("short", 100)).isEqualTo("short");
	}

}
