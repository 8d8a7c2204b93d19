package io.membergraph.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What Spring logs through Commons Logging reaches Logback, and a message at a level that is off is never rendered
 * (commons-logging.properties): Spring's lazy messages stay lazy on every request.
 */
class CommonsLoggingTests {

	private static final String NAME = "io.membergraph.shared.CommonsLoggingTests.probe";

	@Test
	void aMessageBelowTheLevelIsNotRenderedAndOneAtItReachesLogback() {
		Logger logback = (Logger) LoggerFactory.getLogger(NAME);
		logback.setLevel(Level.INFO);
		ListAppender<ILoggingEvent> seen = new ListAppender<>();
		seen.start();
		logback.addAppender(seen);
		try {
			Log log = LogFactory.getLog(NAME);
			AtomicInteger rendered = new AtomicInteger();
			Object message = new Object() {
				@Override
				public String toString() {
					return "rendered " + rendered.incrementAndGet();
				}
			};

			log.debug(message);
			assertThat(rendered).as("a debug message while the level is INFO").hasValue(0);
			assertThat(seen.list).isEmpty();

			log.info(message);
			assertThat(seen.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("rendered 1");
			assertThat(seen.list.get(0).getLoggerName()).isEqualTo(NAME);
		}
		finally {
			logback.detachAppender(seen);
			logback.setLevel(null);
		}
	}

}
