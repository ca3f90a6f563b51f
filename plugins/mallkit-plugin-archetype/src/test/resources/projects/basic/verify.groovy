// runs after `package` in the project generated under project/hello-jump: the jar must be an installable plugin package
import java.util.jar.JarFile

def jar = new File(basedir, 'project/hello-jump/target/hello-jump-1.0.0.jar')
assert jar.isFile() : "no package at $jar"
new JarFile(jar).withCloseable { pkg ->
    def manifest = pkg.manifest.mainAttributes
    assert manifest.getValue('Plugin-Id') == 'hello-jump'
    assert manifest.getValue('Plugin-Version') == '1.0.0'
    assert manifest.getValue('Plugin-Provider') == 'example'
    assert manifest.getValue('Plugin-Requires') == '>=1.0.0 & <2.0.0'
    assert manifest.getValue('Plugin-Class') == 'org.pf4j.Plugin'
    // the pf4j annotation processor ran: without the index the host finds no extension
    assert pkg.getInputStream(pkg.getEntry('META-INF/extensions.idx')).text
            .contains('com.example.hellojump.MiniProgramJumpProvider')
    def descriptor = new groovy.json.JsonSlurper().parse(pkg.getInputStream(pkg.getEntry('mallkit-plugin.json')))
    assert descriptor.id == 'hello-jump'
    assert descriptor.version == '1.0.0'
    assert descriptor.provider == 'example'
    assert descriptor.requires == '>=1.0.0 & <2.0.0'
    assert descriptor.extensionPoints == ['LiveJumpProvider']
    assert descriptor.configSchema.required == ['appId']
    // provided scope: neither the API nor pf4j is bundled
    assert pkg.getEntry('dev/mallkit/api/Money.class') == null
    assert pkg.getEntry('org/pf4j/Extension.class') == null
}
true
