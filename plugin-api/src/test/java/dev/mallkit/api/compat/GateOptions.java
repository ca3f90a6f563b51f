package dev.mallkit.api.compat;

import japicmp.cmp.JarArchiveComparatorOptions;
import japicmp.cmp.JarArchiveComparatorOptions.OverrideCompatibilityChange;
import japicmp.config.Options;
import japicmp.model.AccessModifier;
import japicmp.model.JApiCompatibilityChangeType;
import japicmp.model.JApiSemanticVersionLevel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The japicmp options of the build's gate, read from the {@code <parameter>} block of the
 * japicmp-maven-plugin in plugin-api/pom.xml and mapped the way the plugin maps them, so the test
 * judges with exactly the options `verify` uses. An option this class does not know fails loudly
 * rather than being silently ignored.
 */
record GateOptions(Options options, List<OverrideCompatibilityChange> overrides) {

    static GateOptions fromPom(Path pom) {
        Options options = Options.newDefault();
        List<OverrideCompatibilityChange> overrides = new ArrayList<>();
        for (Element parameter : children(japicmpParameterBlock(pom))) {
            String value = parameter.getTextContent().trim();
            switch (parameter.getTagName()) {
                case "onlyModified" -> options.setOutputOnlyModifications(Boolean.parseBoolean(value));
                case "accessModifier" -> options.setAccessModifier(AccessModifier.valueOf(value.toUpperCase(Locale.ROOT)));
                case "breakBuildOnBinaryIncompatibleModifications" -> options.setErrorOnBinaryIncompatibility(Boolean.parseBoolean(value));
                case "breakBuildOnSourceIncompatibleModifications" -> options.setErrorOnSourceIncompatibility(Boolean.parseBoolean(value));
                case "includeSynthetic" -> options.setIncludeSynthetic(Boolean.parseBoolean(value));
                case "ignoreMissingClasses" -> options.setIgnoreMissingClasses(Boolean.parseBoolean(value));
                case "excludes" -> children(parameter).forEach(e -> options.addExcludeFromArgument(Optional.of(e.getTextContent().trim()), false));
                case "overrideCompatibilityChangeParameters" -> children(parameter).forEach(e -> overrides.add(override(e)));
                default -> throw new IllegalStateException("GateOptions does not map japicmp parameter <" + parameter.getTagName() + ">");
            }
        }
        return new GateOptions(options, List.copyOf(overrides));
    }

    /** @return comparator options for these options, resolving the API's own dependencies from {@code classPath} */
    JarArchiveComparatorOptions comparatorOptions(List<String> classPath) {
        JarArchiveComparatorOptions comparator = JarArchiveComparatorOptions.of(options);
        comparator.getClassPathEntries().addAll(classPath);
        overrides.forEach(comparator::addOverrideCompatibilityChange);
        return comparator;
    }

    private static OverrideCompatibilityChange override(Element e) {
        return new OverrideCompatibilityChange(
                JApiCompatibilityChangeType.valueOf(text(e, "compatibilityChange")),
                Boolean.parseBoolean(text(e, "binaryCompatible")),
                Boolean.parseBoolean(text(e, "sourceCompatible")),
                JApiSemanticVersionLevel.valueOf(text(e, "semanticVersionLevel")));
    }

    private static Element japicmpParameterBlock(Path pom) {
        try {
            var document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
            var plugins = document.getElementsByTagName("plugin");
            for (int i = 0; i < plugins.getLength(); i++) {
                Element plugin = (Element) plugins.item(i);
                if ("japicmp-maven-plugin".equals(text(plugin, "artifactId"))) {
                    return (Element) plugin.getElementsByTagName("parameter").item(0);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + pom, e);
        }
        throw new IllegalStateException("no japicmp-maven-plugin in " + pom);
    }

    private static String text(Element parent, String tag) {
        return parent.getElementsByTagName(tag).item(0).getTextContent().trim();
    }

    private static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element element) {
                elements.add(element);
            }
        }
        return elements;
    }
}
