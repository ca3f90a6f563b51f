package dev.mallkit.host.marketplace.isolation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mallkit.marketplace.finding.Finding;
import dev.mallkit.marketplace.finding.Severity;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The review process's answer: a JSON list of findings, and nothing else crosses back. The process ran
 * hostile code, so its answer is read as hostile too: bounded in count and length, every text cut to a short
 * excerpt with control and bidirectional characters removed, check names limited to the ones the code review
 * owns (so an answer can never speak for the archive, descriptor or forbidden-API checks), codes that are not
 * UPPER_SNAKE replaced. What a plugin's own code printed can reach a provider only as such an excerpt.
 */
final class ChildFindings {
    static final int MAX_FINDINGS = 50;
    static final int MAX_MESSAGE = 300;
    static final int MAX_LOCATION = 200;
    private static final Set<String> CHECKS = Set.of("conformance", "js-syntax");
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    // C0/C1 controls, line and paragraph separators, bidirectional overrides and isolates, zero-width characters
    private static final Pattern UNSAFE = Pattern.compile("[\\p{Cc}\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069\\u200B-\\u200F\\uFEFF]");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChildFindings() {
    }

    /** @return the answer the review process writes on its standard output */
    static String write(List<Finding> findings) {
        ArrayNode list = JSON.createArrayNode();
        for (Finding f : findings) {
            ObjectNode node = list.addObject();
            node.put("check", f.check()).put("code", f.code()).put("severity", f.severity().name())
                    .put("message", f.message()).put("location", f.location());
        }
        return JSON.createObjectNode().set("findings", list).toString();
    }

    /** @return the findings in {@code answer}, sanitised; a malformed answer is one blocking finding */
    static List<Finding> read(String answer) {
        JsonNode list;
        try {
            list = JSON.readTree(answer).path("findings");
        } catch (IOException e) {
            return List.of(malformed());
        }
        if (!list.isArray()) {
            return List.of(malformed());
        }
        List<Finding> out = new ArrayList<>();
        for (JsonNode node : list) {
            if (out.size() == MAX_FINDINGS) {
                out.add(Finding.blocking("conformance", "REVIEW_TOO_MANY_FINDINGS",
                        "the review process reported more than " + MAX_FINDINGS + " findings; the rest are not shown", ""));
                break;
            }
            out.add(finding(node));
        }
        return out;
    }

    private static Finding finding(JsonNode node) {
        String check = node.path("check").asText();
        String code = node.path("code").asText();
        Severity severity = "ADVISORY".equals(node.path("severity").asText()) ? Severity.ADVISORY : Severity.BLOCKING;
        return new Finding(CHECKS.contains(check) ? check : "conformance",
                CODE.matcher(code).matches() ? code : "REVIEW_FINDING_INVALID",
                severity, excerpt(node.path("message").asText(), MAX_MESSAGE), excerpt(node.path("location").asText(), MAX_LOCATION));
    }

    /** @return {@code text} without unsafe characters, cut to {@code max} characters */
    static String excerpt(String text, int max) {
        String clean = UNSAFE.matcher(text).replaceAll(" ");
        if (clean.length() <= max) {
            return clean;
        }
        int end = Character.isHighSurrogate(clean.charAt(max - 1)) ? max - 1 : max;
        return clean.substring(0, end) + "…";
    }

    private static Finding malformed() {
        return Finding.blocking("conformance", "REVIEW_ANSWER_MALFORMED", "the review process did not answer with findings", "");
    }
}
