	.text
	.amdgcn_target "amdgcn-amd-amdhsa--gfx1030"
	.globl	scale_by_table
	.p2align	8
	.type	scale_by_table,@function
scale_by_table:
	s_load_dwordx2 s[0:1], s[4:5], 0x0
	s_getpc_b64 s[2:3]
	s_add_u32 s2, s2, table@rel32@lo+8
	s_addc_u32 s3, s3, table@rel32@hi+16
	s_load_dwordx2 s[2:3], s[2:3], 0x0
	v_lshlrev_b32_e32 v0, 2, v0
	s_waitcnt lgkmcnt(0)
	v_mov_b32_e32 v1, s3
	v_mul_f32_e32 v1, s2, v1
	global_store_dword v0, v1, s[0:1]
	s_endpgm
	.section	.rodata,#alloc
	.p2align	6
	.amdhsa_kernel scale_by_table
		.amdhsa_kernarg_size 8
		.amdhsa_user_sgpr_count 6
		.amdhsa_user_sgpr_private_segment_buffer 1
		.amdhsa_user_sgpr_kernarg_segment_ptr 1
		.amdhsa_system_sgpr_workgroup_id_x 1
		.amdhsa_system_vgpr_workitem_id 0
	.end_amdhsa_kernel
	.text
	.type	table,@object
	.section	.bss,#alloc,#write
	.globl	table
	.p2align	4
table:
	.zero	16
	.size	table, 16
