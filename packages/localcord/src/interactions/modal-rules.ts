import { ComponentType } from 'discord-api-types/v10';
import type { FormErrors, FormPath } from '../form-errors.js';

interface TextInputLike {
  type: number;
  custom_id?: string;
  label?: string;
  value?: string;
  min_length?: number;
  max_length?: number;
}

/**
 * Modal rules beyond the shapes: a text input directly in an action row needs a label,
 * min_length ≤ max_length, and custom ids are unique.
 */
export function checkModalRules(components: readonly unknown[], errors: FormErrors, path: FormPath): void {
  const ids = new Set<string>();
  components.forEach((component, index) => {
    const at = [...path, index];
    const top = component as { type: number; components?: TextInputLike[]; component?: TextInputLike };
    const inputs: [TextInputLike, FormPath, boolean][] = [];
    if (top.type === ComponentType.ActionRow) top.components?.forEach((input, inner) => inputs.push([input, [...at, 'components', inner], true]));
    if (top.type === ComponentType.Label && top.component) inputs.push([top.component, [...at, 'component'], false]);
    for (const [input, inputPath, inRow] of inputs) {
      if (input.custom_id !== undefined) {
        if (ids.has(input.custom_id)) errors.add([...inputPath, 'custom_id'], 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
        ids.add(input.custom_id);
      }
      if (input.type !== ComponentType.TextInput) continue;
      if (inRow && !input.label) errors.required([...inputPath, 'label']);
      if (input.min_length !== undefined && input.max_length !== undefined && input.min_length > input.max_length) {
        errors.add([...inputPath, 'min_length'], 'TEXT_INPUT_MIN_GREATER_THAN_MAX', 'min_length must be less than or equal to max_length');
      }
    }
  });
}
