package dev.mallkit.host.membership;

import dev.mallkit.api.membership.MembershipProgram;
import dev.mallkit.host.js.JsAdapter;
import dev.mallkit.host.js.JsMembershipProgram;
import dev.mallkit.host.kernel.ExtensionPointSpec;
import java.util.List;

/** The {@link MembershipProgram} extension point, declared by the membership domain. */
public final class MembershipProgramPoint implements ExtensionPointSpec<MembershipProgram> {
    private static final JsAdapter<MembershipProgram> JAVASCRIPT = new JsAdapter<>(
            List.of("onOrder", "benefits", "redeem"), JsMembershipProgram::new);

    @Override
    public Class<MembershipProgram> type() {
        return MembershipProgram.class;
    }

    @Override
    public JsAdapter<MembershipProgram> javascript() {
        return JAVASCRIPT;
    }
}
