package dev.mallkit.marketplace.conformance;

import dev.mallkit.api.MallkitApi;
import dev.mallkit.api.PluginDescriptor;
import dev.mallkit.marketplace.descriptor.DescriptorParser;
import dev.mallkit.marketplace.descriptor.DescriptorResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.pf4j.DefaultPluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginRuntimeException;

/** Lets PF4J read a plugin's identity from {@value MallkitApi#DESCRIPTOR_RESOURCE}, so packages carry one descriptor. */
final class MallkitDescriptorFinder implements PluginDescriptorFinder {
    @Override
    public boolean isApplicable(Path pluginPath) {
        return pluginPath.getFileName().toString().endsWith(".jar");
    }

    @Override
    public org.pf4j.PluginDescriptor find(Path pluginPath) {
        try (ZipFile zip = new ZipFile(pluginPath.toFile())) {
            ZipEntry entry = zip.getEntry(MallkitApi.DESCRIPTOR_RESOURCE);
            if (entry == null) {
                throw new PluginRuntimeException("no " + MallkitApi.DESCRIPTOR_RESOURCE + " in " + pluginPath);
            }
            try (InputStream in = zip.getInputStream(entry)) {
                DescriptorResult result = new DescriptorParser().parse(in.readNBytes(256 * 1024 + 1));
                PluginDescriptor descriptor = result.descriptor()
                        .orElseThrow(() -> new PluginRuntimeException("invalid descriptor: " + result.findings()));
                // Mallkit plugins have no lifecycle class: PF4J gets its no-op base Plugin
                return new DefaultPluginDescriptor(descriptor.id(), descriptor.description(), org.pf4j.Plugin.class.getName(),
                        descriptor.version(), "*", descriptor.provider(), "");
            }
        } catch (IOException e) {
            throw new PluginRuntimeException(e, "cannot read {}", pluginPath);
        }
    }
}
