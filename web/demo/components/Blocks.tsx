import { useState } from 'preact/hooks';
import type { ConversationView, PersonView } from '../../../src/sandbox/web/types';
import type { BlockVM, ElementVM, FormValue, FormValues, OptionVM } from '../model/blocks';
import { linesText } from '../model/mrkdwn';
import { Rich } from './Rich';

/** A click or a choice on an interactive element, as the driver takes it. */
export interface ActionInput {
  actionId: string;
  blockId: string;
  value?: string;
  selectedOption?: string;
}

/** What interactive blocks need from the surface they sit on (a message, the Home tab, a modal). */
export interface BlockEnv {
  people: PersonView[];
  conversations: ConversationView[];
  onAction(input: ActionInput): void;
  /** Only in modals: the inputs' values and errors. */
  form?: {
    values: FormValues;
    errors: Record<string, string>;
    set(blockId: string, value: FormValue, dispatch?: { actionId: string }): void;
  };
}

export function Blocks({ blocks, env }: { blocks: BlockVM[]; env: BlockEnv }) {
  return (
    <div class="blocks">
      {blocks.map((block, i) => (
        <Block key={i} block={block} env={env} />
      ))}
    </div>
  );
}

function Block({ block, env }: { block: BlockVM; env: BlockEnv }) {
  switch (block.type) {
    case 'section':
      return (
        <div class="bk-section">
          <div class="bk-section-body">
            {block.text && <Rich lines={block.text} />}
            {block.fields.length > 0 && (
              <div class="bk-fields">
                {block.fields.map((f, i) => (
                  <Rich key={i} lines={f} />
                ))}
              </div>
            )}
          </div>
          {block.accessory && (
            <div class="bk-accessory">
              <Element element={block.accessory} blockId={block.blockId} env={env} />
            </div>
          )}
        </div>
      );
    case 'header':
      return <h3 class="bk-header">{block.text}</h3>;
    case 'divider':
      return <hr class="bk-divider" />;
    case 'context':
      return (
        <div class="bk-context">
          {block.items.map((item, i) =>
            item.kind === 'image' ? (
              <img key={i} src={item.url} alt={item.alt} class="bk-context-img" />
            ) : (
              <Rich key={i} lines={item.lines} />
            ),
          )}
        </div>
      );
    case 'actions':
      return (
        <div class="bk-actions">
          {block.elements.map((el, i) => (
            <Element key={i} element={el} blockId={block.blockId} env={env} />
          ))}
        </div>
      );
    case 'image':
      return (
        <figure class="bk-image">
          {block.title && <figcaption>{block.title}</figcaption>}
          <img src={block.url} alt={block.alt} />
        </figure>
      );
    case 'input':
      return <InputBlock block={block} env={env} />;
    case 'unsupported':
      return <div class="bk-unsupported">[{block.name} is not shown in this demo]</div>;
  }
}

function InputBlock({ block, env }: { block: Extract<BlockVM, { type: 'input' }>; env: BlockEnv }) {
  const form = env.form;
  const error = form?.errors[block.blockId];
  const value = form?.values[block.blockId] ?? null;
  const set = (v: FormValue) =>
    form?.set(
      block.blockId,
      v,
      block.dispatchAction && 'actionId' in block.element ? { actionId: block.element.actionId } : undefined,
    );
  return (
    <div class={`bk-input ${error ? 'has-error' : ''}`} data-block-id={block.blockId}>
      <label class="bk-label">
        {block.label}
        {block.optional && <span class="optional"> (optional)</span>}
      </label>
      <FieldControl element={block.element} value={value} set={set} env={env} label={block.label} />
      {error && (
        <div class="bk-error" role="alert">
          {error}
        </div>
      )}
      {block.hint && <div class="bk-hint">{block.hint}</div>}
    </div>
  );
}

const asString = (v: FormValue): string => (typeof v === 'string' ? v : '');
const asList = (v: FormValue): string[] => (Array.isArray(v) ? v : []);

function humans(people: PersonView[]): PersonView[] {
  return people.filter((p) => !p.isBot && !p.deleted);
}

function channelChoices(conversations: ConversationView[]): Array<{ value: string; label: string }> {
  return conversations
    .filter((c) => c.kind !== 'app')
    .map((c) => ({ value: c.id, label: `${c.kind === 'private' ? '🔒 ' : '#'}${c.name}` }));
}

/** An input element inside a modal: its value lives in the form until submission. */
function FieldControl({
  element,
  value,
  set,
  env,
  label,
}: {
  element: ElementVM;
  value: FormValue;
  set(v: FormValue): void;
  env: BlockEnv;
  label: string;
}) {
  const onText = (e: Event) => set((e.currentTarget as HTMLInputElement).value || null);
  switch (element.type) {
    case 'plain_text_input':
      return element.multiline ? (
        <textarea
          rows={4}
          aria-label={label}
          placeholder={element.placeholder}
          maxLength={element.maxLength}
          value={asString(value)}
          onInput={onText}
        />
      ) : (
        <input
          type="text"
          aria-label={label}
          placeholder={element.placeholder}
          maxLength={element.maxLength}
          value={asString(value)}
          onInput={onText}
        />
      );
    case 'number_input':
      return (
        <input
          type="number"
          aria-label={label}
          step={element.decimal ? 'any' : '1'}
          min={element.min}
          max={element.max}
          value={asString(value)}
          onInput={onText}
        />
      );
    case 'email_text_input':
      return <input type="email" aria-label={label} placeholder={element.placeholder} value={asString(value)} onInput={onText} />;
    case 'url_text_input':
      return <input type="url" aria-label={label} placeholder={element.placeholder} value={asString(value)} onInput={onText} />;
    case 'static_select':
      return (
        <Select
          label={label}
          placeholder={element.placeholder}
          value={asString(value)}
          choices={element.options.map((o) => ({ value: o.value, label: o.label }))}
          onChange={(v) => set(v || null)}
        />
      );
    case 'multi_static_select':
      return (
        <MultiSelect
          label={label}
          placeholder={element.placeholder}
          values={asList(value)}
          max={element.max}
          choices={element.options.map((o) => ({ value: o.value, label: o.label }))}
          onChange={set}
        />
      );
    case 'users_select':
      return (
        <Select
          label={label}
          placeholder={element.placeholder || 'Choose a person'}
          value={asString(value)}
          choices={humans(env.people).map((p) => ({ value: p.id, label: p.realName }))}
          onChange={(v) => set(v || null)}
        />
      );
    case 'multi_users_select':
      return (
        <MultiSelect
          label={label}
          placeholder={element.placeholder || 'Add people'}
          values={asList(value)}
          max={element.max}
          choices={humans(env.people).map((p) => ({ value: p.id, label: p.realName }))}
          onChange={set}
        />
      );
    case 'conversations_select':
    case 'channels_select':
      return (
        <Select
          label={label}
          placeholder={element.placeholder || 'Choose a channel'}
          value={asString(value)}
          choices={channelChoices(env.conversations)}
          onChange={(v) => set(v || null)}
        />
      );
    case 'multi_conversations_select':
    case 'multi_channels_select':
      return (
        <MultiSelect
          label={label}
          placeholder={element.placeholder || 'Add channels'}
          values={asList(value)}
          max={element.max}
          choices={channelChoices(env.conversations)}
          onChange={set}
        />
      );
    case 'checkboxes':
      return (
        <div class="bk-choices" role="group" aria-label={label}>
          {element.options.map((o) => (
            <label key={o.value} class="bk-choice">
              <input
                type="checkbox"
                value={o.value}
                checked={asList(value).includes(o.value)}
                onChange={(e) => {
                  const on = (e.currentTarget as HTMLInputElement).checked;
                  const rest = asList(value).filter((v) => v !== o.value);
                  set(on ? [...rest, o.value] : rest);
                }}
              />
              <OptionText option={o} />
            </label>
          ))}
        </div>
      );
    case 'radio_buttons':
      return (
        <div class="bk-choices" role="radiogroup" aria-label={label}>
          {element.options.map((o) => (
            <label key={o.value} class="bk-choice">
              <input type="radio" value={o.value} checked={value === o.value} onChange={() => set(o.value)} />
              <OptionText option={o} />
            </label>
          ))}
        </div>
      );
    case 'datepicker':
      return <input type="date" aria-label={label} value={asString(value)} onInput={onText} />;
    case 'timepicker':
      return <input type="time" aria-label={label} value={asString(value)} onInput={onText} />;
    default:
      return <Element element={element} blockId="" env={env} />;
  }
}

function OptionText({ option }: { option: OptionVM }) {
  return (
    <span class="bk-option">
      <Rich lines={option.text} />
      {option.description && <Rich lines={option.description} class="bk-option-description" />}
    </span>
  );
}

function Select(props: {
  label: string;
  placeholder: string;
  value: string;
  choices: Array<{ value: string; label: string }>;
  onChange(value: string): void;
}) {
  return (
    <select
      class="bk-select"
      aria-label={props.label}
      value={props.value}
      onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value)}
    >
      <option value="" disabled={props.value !== ''}>
        {props.placeholder || 'Choose an option'}
      </option>
      {props.choices.map((c) => (
        <option key={c.value} value={c.value}>
          {c.label}
        </option>
      ))}
    </select>
  );
}

/** Chosen values as removable chips, and a select to add one more. */
function MultiSelect(props: {
  label: string;
  placeholder: string;
  values: string[];
  max: number | undefined;
  choices: Array<{ value: string; label: string }>;
  onChange(values: string[]): void;
}) {
  const labelOf = (v: string) => props.choices.find((c) => c.value === v)?.label ?? v;
  const full = props.max !== undefined && props.values.length >= props.max;
  return (
    <div class="bk-multi">
      <div class="chips">
        {props.values.map((v) => (
          <span key={v} class="chip">
            {labelOf(v)}
            <button
              type="button"
              class="chip-remove"
              aria-label={`Remove ${labelOf(v)}`}
              onClick={() => props.onChange(props.values.filter((x) => x !== v))}
            >
              ×
            </button>
          </span>
        ))}
      </div>
      {!full && (
        <select
          class="bk-select"
          aria-label={props.label}
          value=""
          onChange={(e) => {
            const v = (e.currentTarget as HTMLSelectElement).value;
            if (v) props.onChange([...props.values, v]);
          }}
        >
          <option value="">{props.placeholder || 'Add…'}</option>
          {props.choices
            .filter((c) => !props.values.includes(c.value))
            .map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
        </select>
      )}
    </div>
  );
}

/** An interactive element outside modal inputs: it acts at once, as in Slack. */
function Element({ element, blockId, env }: { element: ElementVM; blockId: string; env: BlockEnv }) {
  const [confirming, setConfirming] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const fire = (extra: { value?: string; selectedOption?: string } = {}) =>
    'actionId' in element && env.onAction({ actionId: element.actionId, blockId, ...extra });
  switch (element.type) {
    case 'button':
      return (
        <>
          <button
            type="button"
            class={`bk-button ${element.style ?? ''}`}
            data-action-id={element.actionId}
            onClick={() => {
              if (element.url) window.open(element.url, '_blank', 'noopener');
              if (element.confirm) setConfirming(true);
              else fire();
            }}
          >
            {element.text}
          </button>
          {confirming && element.confirm && (
            <div class="confirm-backdrop">
              <div class="confirm" role="dialog" aria-label={element.confirm.title}>
                <h3>{element.confirm.title}</h3>
                <Rich lines={element.confirm.text} />
                <div class="confirm-buttons">
                  <button type="button" class="bk-button" onClick={() => setConfirming(false)}>
                    {element.confirm.deny}
                  </button>
                  <button
                    type="button"
                    class={`bk-button ${element.style === 'danger' ? 'danger' : 'primary'}`}
                    onClick={() => {
                      setConfirming(false);
                      fire();
                    }}
                  >
                    {element.confirm.confirm}
                  </button>
                </div>
              </div>
            </div>
          )}
        </>
      );
    case 'static_select':
      return (
        <Select
          label={element.placeholder}
          placeholder={element.placeholder}
          value={element.initial ?? ''}
          choices={element.options.map((o) => ({ value: o.value, label: o.label }))}
          onChange={(v) => fire({ selectedOption: v })}
        />
      );
    case 'overflow':
      return (
        <span class="overflow">
          <button
            type="button"
            class="bk-button overflow-button"
            aria-label="More actions"
            onClick={() => setMenuOpen(!menuOpen)}
          >
            ⋯
          </button>
          {menuOpen && (
            <ul class="overflow-menu" role="menu">
              {element.options.map((o) => (
                <li key={o.value}>
                  <button
                    type="button"
                    role="menuitem"
                    onClick={() => {
                      setMenuOpen(false);
                      fire({ selectedOption: o.value });
                    }}
                  >
                    {linesText(o.text)}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </span>
      );
    case 'users_select':
    case 'conversations_select':
    case 'channels_select':
      return (
        <Select
          label={element.placeholder}
          placeholder={element.placeholder}
          value={element.initial ?? ''}
          choices={
            element.type === 'users_select'
              ? humans(env.people).map((p) => ({ value: p.id, label: p.realName }))
              : channelChoices(env.conversations)
          }
          onChange={(v) => fire({ value: v })}
        />
      );
    case 'datepicker':
    case 'timepicker':
      return (
        <input
          type={element.type === 'datepicker' ? 'date' : 'time'}
          value={element.initial ?? ''}
          onChange={(e) => fire({ value: (e.currentTarget as HTMLInputElement).value })}
        />
      );
    case 'image':
      return <img class="bk-accessory-img" src={element.url} alt={element.alt} />;
    case 'radio_buttons':
    case 'checkboxes':
      return (
        <div class="bk-choices">
          {element.options.map((o) => (
            <label key={o.value} class="bk-choice">
              <input
                type={element.type === 'radio_buttons' ? 'radio' : 'checkbox'}
                onChange={() => fire({ selectedOption: o.value })}
              />
              <OptionText option={o} />
            </label>
          ))}
        </div>
      );
    default:
      return <span class="bk-unsupported">[{element.type === 'unsupported' ? element.name : element.type} not shown]</span>;
  }
}
