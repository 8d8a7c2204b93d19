package io.membergraph.store.internal;

import java.util.List;

import io.membergraph.shared.Money;
import io.membergraph.shared.UnitPrice;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.convert.WritingConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;

@Configuration(proxyBeanMethods = false)
public class MongoStoreConfiguration {

	/**
	 * Money is stored as a plain 64-bit integer of minor units so that {@code $inc} and {@code $sum} stay exact;
	 * a unit price as its decimal text, exact to a ten-thousandth.
	 */
	@Bean
	MongoCustomConversions mongoCustomConversions() {
		return new MongoCustomConversions(List.of(new MoneyToLong(), new LongToMoney(), new IntegerToMoney(),
				new UnitPriceToString(), new StringToUnitPrice()));
	}

	@WritingConverter
	static class UnitPriceToString implements Converter<UnitPrice, String> {

		@Override
		public String convert(UnitPrice source) {
			return source.toString();
		}

	}

	@ReadingConverter
	static class StringToUnitPrice implements Converter<String, UnitPrice> {

		@Override
		public UnitPrice convert(String source) {
			return UnitPrice.of(source);
		}

	}

	@WritingConverter
	static class MoneyToLong implements Converter<Money, Long> {

		@Override
		public Long convert(Money source) {
			return source.minorUnits();
		}

	}

	@ReadingConverter
	static class LongToMoney implements Converter<Long, Money> {

		@Override
		public Money convert(Long source) {
			return new Money(source);
		}

	}

	/** Aggregations and hand-written documents may hold small amounts as 32-bit integers. */
	@ReadingConverter
	static class IntegerToMoney implements Converter<Integer, Money> {

		@Override
		public Money convert(Integer source) {
			return new Money(source);
		}

	}

}
