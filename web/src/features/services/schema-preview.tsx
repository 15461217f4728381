/** The live preview of an item's form schema in the item editor: a form to try, whose answers go nowhere. */
import { useState } from 'react';
import { SchemaForm } from './schema-form.tsx';
import { type JsonSchema } from './services.api.ts';

export function PreviewForm({ schema }: { schema: JsonSchema }) {
  const [data, setData] = useState<Record<string, unknown>>({});
  return <SchemaForm schema={schema} formData={data} onChange={setData} />;
}
