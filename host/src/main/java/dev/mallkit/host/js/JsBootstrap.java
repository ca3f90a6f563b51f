package dev.mallkit.host.js;

/**
 * The script every sandbox runs before a plugin's module. It removes the globals a plugin must not
 * see, freezes the shared intrinsics so one call cannot corrupt the next (no redefined
 * {@code JSON.parse}, no polluted {@code Object.prototype}), and returns the trampoline the host calls:
 * {@code (exports, name, signature, ...primitives) -> resultJson} (see {@link JsArgs}). The trampoline keeps
 * its own references to {@code JSON.parse} and {@code JSON.stringify}: arguments cross as strings and numbers
 * that it turns into plain objects, results as JSON text, and no host object ever reaches the guest.
 */
final class JsBootstrap {

    /** Returned by the trampoline when the module does not export the function asked for. */
    /** The name the bootstrap runs under; frames in it are not the plugin's. */
    static final String SOURCE_NAME = "mallkit-bootstrap.js";

    static final String NOT_EXPORTED = "\u0000not-exported";

    static final String SCRIPT = """
            (function () {
              'use strict';
              for (const name of ['Java', 'Polyglot', 'Graal', 'SharedArrayBuffer', 'load', 'loadWithNewGlobal',
                                  'print', 'printErr', 'quit', 'read', 'readbuffer', 'readline', 'require', 'process',
                                  'Packages', 'java', 'javax', 'javafx', 'com', 'org', 'edu', 'net']) {
                delete globalThis[name];
              }
              const parse = JSON.parse;
              const stringify = JSON.stringify;
              const isArray = Array.isArray;
              const seen = new Set();
              const harden = (value) => {
                if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) {
                  return;
                }
                seen.add(value);
                Object.freeze(value);
                for (const key of Reflect.ownKeys(value)) {
                  const property = Reflect.getOwnPropertyDescriptor(value, key);
                  if ('value' in property) {
                    harden(property.value);
                  } else {
                    harden(property.get);
                    harden(property.set);
                  }
                }
                harden(Reflect.getPrototypeOf(value));
              };
              // intrinsics that no global names: generator, async and iterator prototypes
              const hidden = [
                function* () {}, async function () {}, async function* () {},
                [][Symbol.iterator](), new Map()[Symbol.iterator](), new Set()[Symbol.iterator](),
                ''[Symbol.iterator](), /x/[Symbol.matchAll](''),
              ];
              for (const name of Reflect.ownKeys(globalThis)) {
                if (name !== 'globalThis') {
                  harden(globalThis[name]);
                }
              }
              hidden.forEach(harden);
              Object.freeze(globalThis);
              // the host's JsArgs: one signature character per argument, then its primitives
              const decode = (kind, flat, i) => {
                switch (kind) {
                  case 'c':
                    return { storeId: flat[i], now: flat[i + 1], config: parse(flat[i + 2]) };
                  case 'e':
                    return { orderId: flat[i], type: flat[i + 1], seq: flat[i + 2], memberId: flat[i + 3],
                             amount: { minor: flat[i + 4], currency: flat[i + 5] }, lines: parse(flat[i + 6]), occurredAt: flat[i + 7] };
                  case 'm':
                    return { memberId: flat[i], points: flat[i + 1], growth: flat[i + 2], firstSeen: flat[i + 3], attributes: parse(flat[i + 4]) };
                  default:
                    return parse(flat[i]);
                }
              };
              const width = (kind) => (kind === 'c' ? 3 : kind === 'e' ? 8 : kind === 'm' ? 5 : 1);
              return function call(exports, name, signature, ...flat) {
                const fn = exports[name];
                if (typeof fn !== 'function') {
                  return '\\u0000not-exported';
                }
                const args = [];
                for (let k = 0, i = 0; k < signature.length; k++) {
                  const kind = signature[k];
                  args.push(decode(kind, flat, i));
                  i += width(kind);
                }
                const result = fn.apply(undefined, args);
                if (result !== null && typeof result === 'object' && typeof result.then === 'function') {
                  throw new TypeError(name + ' must return a value, not a Promise');
                }
                const json = stringify(result === undefined ? null : result);
                return json === undefined ? 'null' : json;
              };
            })()
            """;

    private JsBootstrap() {
    }
}
