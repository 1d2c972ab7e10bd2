export interface CustomAttribute {
  name: string;
  label: string;
}

/** Custom profile attributes an admin defines besides the standard ones (SPEC §1); part of the workspace. */
export interface Attributes {
  list(): Promise<CustomAttribute[]>;
  create(a: CustomAttribute): Promise<void>;
  remove(name: string): Promise<boolean>;
}
