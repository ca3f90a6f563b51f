package dev.mallkit.host;

import dev.mallkit.host.testing.DbKind;
import dev.mallkit.host.testing.TestHost;
import io.vertx.ext.web.Route;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** /openapi.yaml describes exactly the routes the router serves. */
class OpenApiCoverageTest {
    private static final Pattern PATH = Pattern.compile("^  (/\\S*):\\s*$");
    private static final Pattern METHOD = Pattern.compile("^    (get|put|post|delete|patch):\\s*$");

    @Test
    void openApiDocumentsEveryRouteAndNothingElse() {
        try (TestHost host = TestHost.start(DbKind.H2)) {
            String yaml = host.get("/openapi.yaml", null).text();
            assertThat(yaml).startsWith("openapi: 3.1.0");
            Set<String> documented = new TreeSet<>();
            String path = null;
            for (String line : yaml.split("\n")) {
                Matcher p = PATH.matcher(line);
                Matcher m = METHOD.matcher(line);
                if (p.matches()) {
                    path = p.group(1);
                } else if (m.matches() && path != null) {
                    documented.add(m.group(1).toUpperCase() + " " + path);
                } else if (!line.startsWith(" ") && !line.isBlank()) {
                    path = null;
                }
            }
            Set<String> served = new TreeSet<>();
            for (Route route : host.mallkit().router().getRoutes()) {
                if (route.getPath() == null || route.methods() == null || route.methods().isEmpty()) {
                    continue;
                }
                String openApiPath = route.getPath().replaceAll(":([A-Za-z]+)", "{$1}");
                route.methods().forEach(method -> served.add(method.name() + " " + openApiPath));
            }
            assertThat(documented).isEqualTo(served);
        }
    }
}
