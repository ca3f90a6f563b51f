package dev.mallkit.host.js;

/**
 * The script every sandbox runs before a plugin's module. It removes the globals a plugin must not
 * see, freezes the shared intrinsics so one call cannot corrupt the next (no redefined
 * {@code JSON.parse}, no polluted {@code Object.prototype}), and returns the trampoline the host calls:
 * {@code (exports, name, signature, ...primitives) -> resultJson} (see {@link JsArgs}). The trampoline keeps
 * its own references to {@code JSON.parse} and {@code JSON.stringify}: arguments cross as strings and numbers
 * that it turns into plain objects, results as JSON text, and no host object ever reaches the guest. It keeps
 * the configs it parsed, by the id of their text, and hands each call its own copy.
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
              const keysOf = Object.keys;
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
              // the host's JsArgs: one signature character per argument, then its primitives, read in order from `at`
              let at = 0;
              const list = (flat, item) => {
                const items = [];
                for (let n = flat[at++]; n > 0; n--) {
                  items.push(item(flat));
                }
                return items;
              };
              const text = (flat) => flat[at++];
              const line = (flat) => {
                const sku = flat[at++], quantity = flat[at++], minor = flat[at++], currency = flat[at++];
                return { sku, quantity, amount: { minor, currency }, tags: list(flat, text) };
              };
              const map = (flat) => {
                const size = flat[at++];
                if (size < 0) {
                  return parse(flat[at++]);
                }
                const object = {};
                for (let n = size; n > 0; n--) {
                  const key = flat[at++];
                  object[key] = flat[at++];
                }
                return object;
              };
              // configs by the id of their text: parsed once per sandbox, never handed out. Each call gets its own copy
              // (a plugin may change it), as JSON.parse would give it: own data properties in the same order, same
              // prototypes, only the objects and arrays copied. Spread defines properties, so a key such as
              // __proto__ or toString stays an own property.
              const configs = new Map();
              let configChars = 0;
              const planOf = (value) => {
                if (typeof value !== 'object' || value === null) {
                  return undefined;
                }
                const nested = [];
                for (const key of keysOf(value)) {
                  const inner = planOf(value[key]);
                  if (inner !== undefined) {
                    nested.push(key, inner);
                  }
                }
                return { value, array: isArray(value), nested };
              };
              const copyOf = (plan) => {
                const copy = plan.array ? plan.value.slice() : { ...plan.value };
                const nested = plan.nested;
                for (let i = 0; i < nested.length; i += 2) {
                  copy[nested[i]] = copyOf(nested[i + 1]);
                }
                return copy;
              };
              const config = (id, text) => {
                let plan = configs.get(id);
                if (plan === undefined) {
                  if (configs.size >= 64 || configChars + text.length > 262144) {
                    configs.clear();
                    configChars = 0;
                  }
                  plan = planOf(parse(text));
                  configs.set(id, plan);
                  configChars += text.length;
                }
                return copyOf(plan);
              };
              const decode = (kind, flat) => {
                switch (kind) {
                  case 'c': {
                    const storeId = flat[at++], now = flat[at++], id = flat[at++];
                    return { storeId, now, config: config(id, flat[at++]) };
                  }
                  case 'e': {
                    const orderId = flat[at++], type = flat[at++], seq = flat[at++], memberId = flat[at++], minor = flat[at++], currency = flat[at++];
                    const lines = list(flat, line);
                    return { orderId, type, seq, memberId, amount: { minor, currency }, lines, occurredAt: flat[at++] };
                  }
                  case 'm': {
                    const memberId = flat[at++], points = flat[at++], growth = flat[at++], firstSeen = flat[at++];
                    return { memberId, points, growth, firstSeen, attributes: map(flat) };
                  }
                  case 'p': {
                    const roomId = flat[at++], viewerId = flat[at++], sharerId = flat[at++], attributionToken = flat[at++];
                    return { roomId, viewerId, sharerId, attributionToken };
                  }
                  case 'b': {
                    const memberId = flat[at++], referrerId = flat[at++], source = flat[at++], when = flat[at++], memberFirstSeen = flat[at++];
                    const currentReferrer = flat[at++];
                    const current = currentReferrer === null ? null : { referrerId: currentReferrer, source: flat[at++], boundAt: flat[at++] };
                    return { memberId, referrerId, source, at: when, memberFirstSeen, current };
                  }
                  case 'r': {
                    const orderId = flat[at++], requestedPoints = flat[at++], minor = flat[at++];
                    return { orderId, requestedPoints, orderAmount: minor === null ? null : { minor, currency: flat[at++] } };
                  }
                  case 's':
                    return list(flat, text);
                  default:
                    return parse(flat[at++]);
                }
              };
              return function call(exports, name, signature, ...flat) {
                const fn = exports[name];
                if (typeof fn !== 'function') {
                  return '\\u0000not-exported';
                }
                const args = [];
                at = 0;
                for (let k = 0; k < signature.length; k++) {
                  args.push(decode(signature[k], flat));
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
