// What each target kind's fields component gets from the targets dialog.
import type { SecretStoreInfo, TargetForm } from '../targetForm';

export interface KindFieldsProps {
  form: TargetForm;
  edit(change: Partial<TargetForm>): void;
  /** Where passwords and tokens are stored; null while the dialog is still reading it. */
  store: SecretStoreInfo | null;
}
