import { useMemo } from 'react';
import Form from '@rjsf/antd';
import { englishStringTranslator, replaceStringParameters, TranslatableString, type RJSFSchema } from '@rjsf/utils';
import { InterpretingValidator } from './validator.ts';
import { useTranslation } from 'react-i18next';
import { toErrorSchema, type FieldError } from '../api/problem.ts';

// validation messages in the UI language; no ajv in the browser (it compiles with eval, refused by the CSP)
const validators = { en: new InterpretingValidator('en'), zh: new InterpretingValidator('zh') };

const zhStrings: Partial<Record<TranslatableString, string>> = {
  [TranslatableString.ArrayItemTitle]: '项',
  [TranslatableString.EmptyArray]: '暂无条目，请点击下方按钮添加。',
  [TranslatableString.YesLabel]: '是',
  [TranslatableString.NoLabel]: '否',
  [TranslatableString.CloseLabel]: '关闭',
  [TranslatableString.ErrorsLabel]: '错误',
  [TranslatableString.AddButton]: '添加',
  [TranslatableString.AddItemButton]: '添加条目',
  [TranslatableString.CopyButton]: '复制',
  [TranslatableString.MoveDownButton]: '下移',
  [TranslatableString.MoveUpButton]: '上移',
  [TranslatableString.RemoveButton]: '删除',
  [TranslatableString.NowLabel]: '现在',
  [TranslatableString.ClearLabel]: '清除',
  [TranslatableString.AriaDateLabel]: '选择日期',
  [TranslatableString.NewStringDefault]: '新值',
};

/**
 * react-jsonschema-form with the antd theme, validation messages and RJSF's own strings in the UI language,
 * decimal money as strings, and the server's problems shown next to their fields (extraErrors).
 */
export function SchemaForm<T>(p: {
  schema: RJSFSchema;
  uiSchema?: Record<string, unknown>;
  formData: T;
  onChange?: (data: T) => void;
  serverErrors?: readonly FieldError[];
  readOnly?: boolean;
  idPrefix?: string;
  liveValidate?: boolean;
}) {
  const { i18n } = useTranslation();
  const zh = i18n.language === 'zh';
  const extraErrors = useMemo(
    () => (p.serverErrors?.length ? toErrorSchema(p.serverErrors) : undefined),
    [p.serverErrors],
  );
  return (
    <Form
      key={i18n.language}
      schema={p.schema}
      uiSchema={{ 'ui:submitButtonOptions': { norender: true }, ...p.uiSchema }}
      formData={p.formData}
      validator={zh ? validators.zh : validators.en}
      liveValidate={p.liveValidate ?? true}
      showErrorList={false}
      extraErrors={extraErrors as never}
      readonly={p.readOnly}
      idPrefix={p.idPrefix}
      translateString={(s, params) =>
        zh && zhStrings[s] ? replaceStringParameters(zhStrings[s]!, params) : englishStringTranslator(s, params)
      }
      onChange={(e) => p.onChange?.(e.formData as T)}
    />
  );
}
