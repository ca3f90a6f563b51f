package dev.mallkit.host.distribution;

import dev.mallkit.api.distribution.DistributionScheme;
import dev.mallkit.host.js.JsAdapter;
import dev.mallkit.host.js.JsDistributionScheme;
import dev.mallkit.host.kernel.ExtensionPointSpec;
import java.util.List;

/** The {@link DistributionScheme} extension point, declared by the distribution domain. */
public final class DistributionSchemePoint implements ExtensionPointSpec<DistributionScheme> {
    private static final JsAdapter<DistributionScheme> JAVASCRIPT = new JsAdapter<>(
            List.of("bind", "commissions", "limits"), JsDistributionScheme::new);

    @Override
    public Class<DistributionScheme> type() {
        return DistributionScheme.class;
    }

    @Override
    public JsAdapter<DistributionScheme> javascript() {
        return JAVASCRIPT;
    }
}
