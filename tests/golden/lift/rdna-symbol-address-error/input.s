	.text
	.amdgcn_target "amdgcn-amd-amdhsa--gfx1030"
	.globl	read_tables
	.p2align	8
	.type	read_tables,@function
read_tables:
	s_getpc_b64 s[0:1]
	s_add_u32 s0, s0, table@rel32@lo+4
	s_addc_u32 s1, s1, table@rel32@hi+16
	s_getpc_b64 s[2:3]
	s_add_u32 s2, s2, extern_table@gotpcrel32@lo+4
	s_addc_u32 s3, s3, extern_table@gotpcrel32@hi+12
	s_load_dwordx2 s[2:3], s[2:3], 0x0
	s_getpc_b64 s[4:5]
	s_add_u32 s6, s4, table@rel32@lo+4
	s_addc_u32 s7, s5, table@rel32@hi+12
	s_endpgm
	.type	table,@object
	.section	.bss,#alloc,#write
	.globl	table
table:
	.zero	16
	.size	table, 16
