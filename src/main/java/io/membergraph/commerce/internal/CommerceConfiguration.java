package io.membergraph.commerce.internal;

import java.util.concurrent.Executor;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

@Configuration(proxyBeanMethods = false)
public class CommerceConfiguration {

	/** Writes a batch's member-side effects side by side: stats, rollups, points and tiers. */
	@Bean
	Executor batchWriters() {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(6);
		executor.setMaxPoolSize(6);
		executor.setQueueCapacity(1_000);
		executor.setThreadNamePrefix("batch-writer-");
		executor.initialize();
		return executor;
	}

}
