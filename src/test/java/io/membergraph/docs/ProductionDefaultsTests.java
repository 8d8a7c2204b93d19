package io.membergraph.docs;

import java.io.IOException;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What application.yml gives a start against a real database next to the embedded demo: no demo data or demo
 * accounts, no GraphiQL or introspection unless switched on.
 */
class ProductionDefaultsTests {

	@Test
	void aRealDatabaseGetsNoDemoAndNoIntrospectionUnlessAsked() throws IOException {
		assertThat(setting(Map.of(), "spring.graphql.schema.introspection.enabled")).isEqualTo("false");
		assertThat(setting(Map.of(), "spring.graphql.graphiql.enabled")).isEqualTo("false");
		assertThat(setting(Map.of(), "membergraph.seed.enabled")).isEqualTo("false");
		assertThat(setting(Map.of(), "membergraph.demo.accounts")).isEqualTo("false");
		assertThat(setting(Map.of("MEMBERGRAPH_INTROSPECTION", "true"), "spring.graphql.schema.introspection.enabled"))
			.isEqualTo("true");
	}

	@Test
	void theEmbeddedDemoGetsAllOfIt() throws IOException {
		Map<String, Object> embedded = Map.of("membergraph.store.embedded", "true");
		assertThat(setting(embedded, "spring.graphql.schema.introspection.enabled")).isEqualTo("true");
		assertThat(setting(embedded, "spring.graphql.graphiql.enabled")).isEqualTo("true");
		assertThat(setting(embedded, "membergraph.seed.enabled")).isEqualTo("true");
		assertThat(setting(embedded, "membergraph.demo.accounts")).isEqualTo("true");
	}

	private static String setting(Map<String, Object> given, String name) throws IOException {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().addFirst(new MapPropertySource("given", given));
		new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml"))
			.forEach(environment.getPropertySources()::addLast);
		return environment.getProperty(name);
	}

}
