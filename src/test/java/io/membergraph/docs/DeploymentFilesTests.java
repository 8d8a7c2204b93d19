package io.membergraph.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compose set-up carries no secret: each comes from the environment or a {@code .env} that git ignores, and
 * compose refuses to start without it; MongoDB runs with authentication and an application user of its own, and
 * is not published on the host. (There is no Docker here to start it; these are the rules its files keep.)
 */
class DeploymentFilesTests {

	@SuppressWarnings("unchecked")
	private static Map<String, Object> service(String name) throws IOException {
		Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
		return (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get(name);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> environment(String service) throws IOException {
		return (Map<String, String>) service(service).get("environment");
	}

	@Test
	void everySecretIsRequiredFromTheEnvironmentAndNoneIsWrittenDown() throws IOException {
		for (String service : List.of("mongo", "app")) {
			environment(service).forEach((name, value) -> {
				if (name.startsWith("MEMBERGRAPH_BOOTSTRAP_")) {
					// Needed once, for the first ADMIN: optional, but never written down.
					assertThat(value).as("%s of %s", name, service).isEqualTo("${" + name + ":-}");
				}
				else if (name.contains("PASSWORD") || name.contains("SECRET")) {
					assertThat(value).as("%s of %s", name, service).matches("\\$\\{[A-Z_]+:\\?[^}]+\\}");
				}
			});
		}
		assertThat(environment("app").get("MONGODB_URI")).contains("${MEMBERGRAPH_DB_PASSWORD:?")
			.contains("authSource=membergraph").doesNotContain("replicaSet");
		assertThat(Files.readAllLines(Path.of("deploy/env.example"))).filteredOn(l -> l.contains("PASSWORD=") || l.contains("SECRET="))
			.isNotEmpty()
			.allSatisfy(line -> assertThat(line).as("a template, not a secret").endsWith("="));
		assertThat(Files.readAllLines(Path.of(".gitignore"))).contains(".env");
	}

	@Test
	void theAppIsBuiltIntoAnImageThatRunsWithoutPrivileges() throws IOException {
		assertThat(service("app")).containsEntry("build", ".").doesNotContainKey("image");
		String dockerfile = Files.readString(Path.of("Dockerfile"));
		assertThat(dockerfile).contains("FROM maven:").contains(" AS build").contains("FROM eclipse-temurin:17-jre")
			.contains("useradd --system").containsPattern("(?m)^USER 10001$")
			.contains("COPY --from=build /src/target/membergraph-*.jar");
		// What the image build copies is all the build needs: the pom's resource directories exist.
		for (String directory : List.of("graphql-schema", "seed", "src/main")) {
			assertThat(dockerfile).contains("COPY " + directory + " ");
			assertThat(Path.of(directory)).isDirectory();
		}
		assertThat(Files.readAllLines(Path.of(".dockerignore"))).contains(".env", "target/");
	}

	@Test
	void mongoDbRunsWithAuthenticationAndAnApplicationUserAndStaysOffTheHost() throws IOException {
		assertThat(environment("mongo")).containsKeys("MONGO_INITDB_ROOT_USERNAME", "MONGO_INITDB_ROOT_PASSWORD");
		assertThat(service("mongo")).doesNotContainKey("ports");
		assertThat(service("mongo").get("volumes").toString()).contains("./deploy/mongo-init.js:/docker-entrypoint-initdb.d/");
		assertThat(Files.readString(Path.of("deploy/mongo-init.js"))).contains("createUser")
			.contains("process.env.MEMBERGRAPH_DB_PASSWORD").contains("role: 'readWrite', db: 'membergraph'");
		assertThat(Files.readString(Path.of("deploy/mongo-on-host.yml"))).contains("\"127.0.0.1:27017:27017\"");
	}

}
