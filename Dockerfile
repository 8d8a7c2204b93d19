# MemberGraph as an image: built with Maven, run on a JRE as a user without privileges.
#   docker build -t membergraph .      (docker compose builds it for you)

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Dependencies first, so that a code change does not download them again.
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY graphql-schema graphql-schema
COPY seed seed
COPY src/main src/main
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
RUN useradd --system --no-create-home --uid 10001 membergraph
WORKDIR /app
COPY --from=build /src/target/membergraph-*.jar /app/membergraph.jar
USER 10001
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/membergraph.jar"]
