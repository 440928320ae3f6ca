import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import type { FormErrors, FormPath } from '../form-errors.js';

interface ComponentLike {
  type: number;
  custom_id?: unknown;
  style?: unknown;
  url?: unknown;
  sku_id?: unknown;
  label?: unknown;
  emoji?: unknown;
  content?: unknown;
  min_values?: unknown;
  max_values?: unknown;
  options?: unknown;
  components?: unknown;
  component?: unknown;
  accessory?: unknown;
}

const SELECT_TYPES = new Set<number>([
  ComponentType.StringSelect,
  ComponentType.UserSelect,
  ComponentType.RoleSelect,
  ComponentType.MentionableSelect,
  ComponentType.ChannelSelect,
]);

const MAX_TOTAL_COMPONENTS = 40;
const MAX_TOTAL_TEXT = 4000;

/**
 * Rules across fields that the shape schemas cannot express: a row holds up to five buttons or
 * exactly one select, buttons have either a custom id or a url, custom ids are unique in a message,
 * and a Components V2 message has at most 40 components and 4000 characters of text.
 */
export function checkComponentRules(components: readonly unknown[], errors: FormErrors, path: FormPath, v2: boolean): void {
  const seenIds = new Map<string, FormPath>();
  let total = 0;
  let text = 0;

  const visit = (value: unknown, at: FormPath): void => {
    if (!isComponent(value)) return;
    total += 1;
    if (value.type === ComponentType.TextDisplay && typeof value.content === 'string') text += value.content.length;
    if (typeof value.custom_id === 'string') {
      if (seenIds.has(value.custom_id)) errors.add([...at, 'custom_id'], 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
      seenIds.set(value.custom_id, at);
    }
    if (value.type === ComponentType.ActionRow) checkRow(value, errors, at);
    if (value.type === ComponentType.Button) checkButton(value, errors, at);
    if (SELECT_TYPES.has(value.type)) checkSelect(value, errors, at);
    if (Array.isArray(value.components)) value.components.forEach((child, index) => visit(child, [...at, 'components', index]));
    if (value.component !== undefined) visit(value.component, [...at, 'component']);
    if (value.accessory !== undefined) visit(value.accessory, [...at, 'accessory']);
  };
  components.forEach((component, index) => visit(component, [...path, index]));

  if (v2 && total > MAX_TOTAL_COMPONENTS) errors.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${MAX_TOTAL_COMPONENTS} or fewer in length.`);
  if (v2 && text > MAX_TOTAL_TEXT) {
    errors.add(path, 'COMPONENT_MAX_TOTAL_TEXT_LENGTH_EXCEEDED', `The total text length of the components must be ${MAX_TOTAL_TEXT} or fewer.`);
  }
}

function isComponent(value: unknown): value is ComponentLike {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'number';
}

function checkRow(row: ComponentLike, errors: FormErrors, at: FormPath): void {
  if (!Array.isArray(row.components)) return;
  const children = row.components.filter(isComponent);
  const selects = children.filter((child) => SELECT_TYPES.has(child.type)).length;
  if (selects > 0 && children.length > 1) {
    errors.add([...at, 'components'], 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', 'The specified component exceeds the maximum width');
  }
}

function checkButton(button: ComponentLike, errors: FormErrors, at: FormPath): void {
  const hasCustomId = typeof button.custom_id === 'string';
  const hasUrl = typeof button.url === 'string';
  if (button.style === ButtonStyle.Link) {
    if (!hasUrl) errors.required([...at, 'url']);
    if (hasCustomId) errors.add([...at, 'custom_id'], 'BUTTON_COMPONENT_CUSTOM_ID_URL_MUTUALLY_EXCLUSIVE', 'A custom id and url cannot both be specified');
  } else if (button.style === ButtonStyle.Premium) {
    if (typeof button.sku_id !== 'string') errors.required([...at, 'sku_id']);
  } else {
    if (!hasCustomId) errors.required([...at, 'custom_id']);
    if (hasUrl) errors.add([...at, 'url'], 'BUTTON_COMPONENT_CUSTOM_ID_URL_MUTUALLY_EXCLUSIVE', 'A custom id and url cannot both be specified');
  }
  if (button.style !== ButtonStyle.Premium && button.label === undefined && button.emoji === undefined) {
    errors.add(at, 'BUTTON_COMPONENT_INVALID', 'A button must have a label or an emoji');
  }
}

function checkSelect(select: ComponentLike, errors: FormErrors, at: FormPath): void {
  const min = typeof select.min_values === 'number' ? select.min_values : 1;
  const max = typeof select.max_values === 'number' ? select.max_values : 1;
  if (min > max) errors.add([...at, 'min_values'], 'SELECT_COMPONENT_MIN_VALUES_GREATER_THAN_MAX', 'min_values must be less than or equal to max_values');
  if (Array.isArray(select.options) && max > select.options.length) {
    errors.add([...at, 'max_values'], 'SELECT_COMPONENT_TOO_MANY_VALUES', `max_values must be ${select.options.length} or fewer`);
  }
}
