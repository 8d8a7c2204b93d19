package io.membergraph.shared;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A setting out of bounds stops the start with Spring Boot's short failure report, however deep in the creation of
 * the beans the component that reads it sits.
 */
class SettingOutOfBoundsTests {

	@Test
	void theStartUpReportNamesThePropertyItsBoundsTheValueAndWhereToSetIt() {
		Throwable outOfBounds = catchThrowable(() -> DurationSetting.within("membergraph.privacy.preview-memory",
				Duration.ZERO, Duration.ofHours(1), Duration.ofDays(366)));
		Throwable startFailure = new BeanCreationException("segmentController",
				new BeanCreationException("segmentPreviews", "constructor threw", outOfBounds));

		FailureAnalysis analysis = new SettingOutOfBounds.Analyzer().analyze(startFailure);

		assertThat(analysis.getDescription())
			.isEqualTo("membergraph.privacy.preview-memory must be between 1h and 366d, not PT0S");
		assertThat(analysis.getAction()).contains("MEMBERGRAPH_PRIVACY_PREVIEWMEMORY")
			.contains("--membergraph.privacy.preview-memory=")
			.contains("README");
	}

	@Test
	void aWholeNumberSettingIsTakenWithinItsBoundsBothIncluded() {
		assertThat(SettingOutOfBounds.within("membergraph.x", 1, 1, 10)).isEqualTo(1);
		assertThat(SettingOutOfBounds.within("membergraph.x", 10, 1, 10)).isEqualTo(10);
		assertThat(catchThrowable(() -> SettingOutOfBounds.within("membergraph.x", 11, 1, 10)))
			.isInstanceOf(SettingOutOfBounds.class)
			.hasMessage("membergraph.x must be between 1 and 10, not 11");
		assertThat(catchThrowable(() -> SettingOutOfBounds.within("membergraph.x", 0, 1, 10)))
			.hasMessage("membergraph.x must be between 1 and 10, not 0");
	}

	@Test
	void otherFailuresAreLeftToTheirOwnReports() {
		assertThat(new SettingOutOfBounds.Analyzer().analyze(new IllegalStateException("something else"))).isNull();
	}

}
