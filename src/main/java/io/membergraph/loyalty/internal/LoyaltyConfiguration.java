package io.membergraph.loyalty.internal;

import java.time.Clock;

import io.membergraph.member.MemberDirectory;
import io.membergraph.shared.BusinessCalendar;
import io.membergraph.store.RecordDocuments;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

@Configuration(proxyBeanMethods = false)
public class LoyaltyConfiguration {

	@Bean
	AccountChange accountChange(LoyaltySettings settings, BusinessCalendar calendar) {
		return new AccountChange(settings, calendar.zone());
	}

	@Bean
	PointsPosting pointsPosting(MongoTemplate mongo, RecordDocuments documents, AccountChange accountChange, Clock clock,
			MemberDirectory members) {
		return new PointsPosting(mongo, documents, accountChange, clock, members, PointsPosting.StepListener.NONE);
	}

}
