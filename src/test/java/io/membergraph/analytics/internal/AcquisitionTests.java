package io.membergraph.analytics.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.membergraph.analytics.internal.Acquisition.PeriodFigures;
import io.membergraph.customer.CustomerHistory;
import io.membergraph.shared.Channel;
import io.membergraph.shared.InvalidInputException;
import org.junit.jupiter.api.Test;

import static io.membergraph.analytics.internal.RfmTests.AS_OF_JUNE;
import static io.membergraph.analytics.internal.RfmTests.fourBuyers;
import static io.membergraph.analytics.internal.RfmTests.member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Acquisition, retention and churn per month for RfmTests' buyers and one new member, by hand. */
class AcquisitionTests {

	@Test
	void newMembersFirstTimeBuyersAndRetentionPerMonth() {
		List<CustomerHistory> members = new ArrayList<>(fourBuyers());
		members.add(member("F", Instant.parse("2026-05-10T00:00:00Z"), Channel.APP));

		List<PeriodFigures> months = Acquisition.of(members, AS_OF_JUNE, Period.MONTH, LocalDate.of(2026, 4, 1)).periods();

		// Customers: March A; April D; May A; June A and C (C's 1 June order was refunded in full).
		assertThat(months).extracting(p -> p.start() + " new=" + p.newMembers() + " first=" + p.firstTimeBuyers()
				+ " customers=" + p.customers() + " retained=" + p.retained() + "/" + p.previousCustomers())
			.containsExactly("2026-04-01 new=0 first=1 customers=1 retained=0/1",
					"2026-05-01 new=1 first=0 customers=1 retained=0/1",
					"2026-06-01 new=0 first=1 customers=2 retained=1/1");
		assertThat(months.get(0).churnRate()).isEqualTo(1.0);
		assertThat(months.get(2).retentionRate()).isEqualTo(1.0);
		assertThat(months.get(1).newMembersByChannel()).extracting(Acquisition.ChannelCount::channel)
			.containsExactly(Channel.APP);
	}

	@Test
	void weeksRunMondayToSunday() {
		// 30 June 2026 is a Tuesday: the last week starts on Monday 29 June and ends on the as-of day.
		List<PeriodFigures> weeks = Acquisition.of(fourBuyers(), AS_OF_JUNE, Period.WEEK, LocalDate.of(2026, 6, 17)).periods();

		assertThat(weeks).extracting(PeriodFigures::start).containsExactly(LocalDate.of(2026, 6, 15),
				LocalDate.of(2026, 6, 22), LocalDate.of(2026, 6, 29));
		assertThat(weeks.get(2).end()).isEqualTo(LocalDate.of(2026, 6, 30));
		// C, whose first order was refunded in full, first bought for good on Monday 29 June.
		assertThat(weeks.get(2).firstTimeBuyers()).isEqualTo(1);
		assertThat(weeks.get(2).customers()).isEqualTo(1);
	}

	@Test
	void tooManyPeriodsAreRefusedOnTheFieldTheCallerGave() {
		// The periods end at the scope's as-of day, so from is what the caller corrects.
		assertThatThrownBy(() -> Acquisition.of(fourBuyers(), AS_OF_JUNE, Period.DAY, LocalDate.of(2024, 1, 1)))
			.isInstanceOfSatisfying(InvalidInputException.class, e -> {
				assertThat(e.field()).isEqualTo("from");
				assertThat(e.reason()).startsWith("spans ").endsWith(" days to the as-of day; at most 400 periods at once");
			});
		assertThatThrownBy(() -> Acquisition.of(fourBuyers(), AS_OF_JUNE, Period.DAY, AS_OF_JUNE.asOf().plusDays(1)))
			.isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("from"));
	}

}
