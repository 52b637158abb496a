// Lets a body figure hand its image to the article's lead image ("Use as lead
// image") without the body editor knowing about the article form.
import { createContext, useContext } from 'react';
import type { ImageRef } from '../../src-shared/image';

export type UseAsLeadImage = (image: ImageRef) => void;

export const LeadImageContext = createContext<UseAsLeadImage | null>(null);

export function useLeadImageSetter(): UseAsLeadImage | null {
  return useContext(LeadImageContext);
}
