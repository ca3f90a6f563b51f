// Renders a form from a plugin's JSON Schema and reads the value back. No dependencies.
// Strings, numbers, integers, booleans, enums and passwords (format "password") are inputs; nested
// objects are fieldsets; arrays (and anything else) are JSON textareas.
(function (global) {
  'use strict';

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (v === undefined || v === null || v === false) return;
      if (k === 'text') node.textContent = v; else node.setAttribute(k, v === true ? '' : v);
    });
    (children || []).forEach(c => node.appendChild(c));
    return node;
  }

  function fieldId(path) {
    return 'cfg-' + path.join('.');
  }

  function render(schema, value, path, required) {
    const type = schema.type || (schema.properties ? 'object' : 'string');
    const id = fieldId(path);
    const name = path[path.length - 1];
    if (type === 'object' && (path.length === 0 || schema.properties)) {
      const box = el('fieldset', {'data-kind': 'object', 'data-path': path.join('.')});
      if (path.length) box.appendChild(el('legend', {text: schema.title || name}));
      const req = new Set(schema.required || []);
      Object.entries(schema.properties || {}).forEach(([key, sub]) => {
        box.appendChild(render(sub, value ? value[key] : undefined, path.concat(key), req.has(key)));
      });
      return box;
    }
    const label = el('label', {for: id, text: (schema.title || name) + (required ? ' *' : '')});
    const current = value !== undefined ? value : schema.default;
    let input;
    if (Array.isArray(schema.enum)) {
      input = el('select', {id: id, 'data-kind': 'enum'});
      if (!required) input.appendChild(el('option', {value: '', text: ''}));
      schema.enum.forEach(option => input.appendChild(el('option', {value: JSON.stringify(option), text: String(option),
        selected: current !== undefined && JSON.stringify(current) === JSON.stringify(option)})));
    } else if (type === 'boolean') {
      input = el('input', {id: id, type: 'checkbox', 'data-kind': 'boolean', checked: current === true});
    } else if (type === 'integer' || type === 'number') {
      input = el('input', {id: id, type: 'number', 'data-kind': type, step: type === 'integer' ? '1' : 'any',
        min: schema.minimum, max: schema.maximum, value: current !== undefined ? String(current) : undefined});
    } else if (type === 'string') {
      const secret = schema.format === 'password' || schema.writeOnly === true;
      input = el('input', {id: id, type: secret ? 'password' : 'text', 'data-kind': 'string',
        minlength: schema.minLength, maxlength: schema.maxLength, value: current !== undefined ? String(current) : undefined});
    } else {
      input = el('textarea', {id: id, 'data-kind': 'json', rows: '3', cols: '40'});
      input.value = current !== undefined ? JSON.stringify(current, null, 1) : '';
    }
    input.setAttribute('data-path', path.join('.'));
    if (required) input.setAttribute('data-required', 'true');
    const row = el('div', {class: 'field'}, [label, input]);
    if (schema.description) row.appendChild(el('small', {text: ' ' + schema.description}));
    return row;
  }

  /** Builds the form for `schema` into `container`, prefilled with `value` (or the schema defaults). */
  function build(container, schema, value) {
    container.innerHTML = '';
    container.appendChild(render(schema || {type: 'object'}, value || {}, [], false));
  }

  /** Reads the form back into an object; empty optional fields are left out so schema defaults apply. */
  function read(container) {
    const out = {};
    container.querySelectorAll('[data-path]').forEach(node => {
      const kind = node.getAttribute('data-kind');
      if (kind === 'object') return;
      const path = node.getAttribute('data-path').split('.');
      const required = node.getAttribute('data-required') === 'true';
      let v;
      if (kind === 'boolean') v = node.checked;
      else if (node.value === '' && !required) return;
      else if (kind === 'enum') v = node.value === '' ? undefined : JSON.parse(node.value);
      else if (kind === 'integer') v = parseInt(node.value, 10);
      else if (kind === 'number') v = Number(node.value);
      else if (kind === 'json') {
        try { v = JSON.parse(node.value); } catch (e) { throw new Error(path.join('.') + ' is not valid JSON'); }
      } else v = node.value;
      if (v === undefined || (typeof v === 'number' && isNaN(v))) return;
      let target = out;
      path.slice(0, -1).forEach(k => { target = target[k] = target[k] || {}; });
      target[path[path.length - 1]] = v;
    });
    return out;
  }

  global.SchemaForm = {build: build, read: read};
})(window);
