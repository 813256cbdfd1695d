import type { ModalView } from '../../../src/sandbox/web/types';
import type { BlockVM, FormValue, FormValues } from '../model/blocks';
import { plainOf } from '../model/blocks';
import { type BlockEnv, Blocks } from './Blocks';

export interface ModalProps {
  modal: ModalView;
  depth: number;
  blocks: BlockVM[];
  values: FormValues;
  errors: Record<string, string>;
  busy: boolean;
  env: Omit<BlockEnv, 'form'>;
  setValue(blockId: string, value: FormValue, dispatch?: { actionId: string }): void;
  onSubmit(): void;
  onClose(): void;
}

/** The top of the person's modal stack; views under it wait behind, as in Slack. */
export function Modal(props: ModalProps) {
  const { view } = props.modal;
  const submit = plainOf(view.submit);
  const close = plainOf(view.close) || 'Close';
  return (
    <div class="modal-backdrop" role="dialog" aria-modal="true" aria-label={plainOf(view.title)}>
      <form
        class="modal"
        data-view-id={props.modal.id}
        onSubmit={(e) => {
          e.preventDefault();
          props.onSubmit();
        }}
      >
        <header class="modal-header">
          {props.depth > 1 && (
            <button type="button" class="modal-back" aria-label="Back" onClick={props.onClose}>
              ‹
            </button>
          )}
          <h2>{plainOf(view.title)}</h2>
          <button type="button" class="modal-x" aria-label="Close" onClick={props.onClose}>
            ×
          </button>
        </header>
        <div class="modal-body">
          <Blocks
            blocks={props.blocks}
            env={{ ...props.env, form: { values: props.values, errors: props.errors, set: props.setValue } }}
          />
        </div>
        <footer class="modal-footer">
          <button type="button" class="bk-button" onClick={props.onClose}>
            {close}
          </button>
          {submit && (
            <button type="submit" class="bk-button primary" disabled={props.busy}>
              {submit}
            </button>
          )}
        </footer>
      </form>
    </div>
  );
}
