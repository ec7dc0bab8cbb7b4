	.text
	.amdgcn_target "amdgcn-amd-amdhsa--gfx1030"
	.globl	mask_values
	.p2align	8
	.type	mask_values,@function
mask_values:
	s_load_dwordx2 s[0:1], s[4:5], 0x0
	v_and_b32_e32 v1, 1, v0
	v_cmp_eq_u32_e64 s2, 1, v1
	v_cndmask_b32_e64 v3, 0, 1, s2
	v_mov_b32_e32 v2, s2
	s_mov_b32 s3, exec_lo
	v_mov_b32_e32 v4, s3
	v_lshlrev_b32_e32 v1, 4, v0
	s_waitcnt lgkmcnt(0)
	global_store_dword v1, v2, s[0:1]
	global_store_dword v1, v3, s[0:1] offset:4
	global_store_dword v1, v4, s[0:1] offset:8
	s_endpgm
	.section	.rodata,#alloc
	.p2align	6
	.amdhsa_kernel mask_values
		.amdhsa_kernarg_size 8
		.amdhsa_user_sgpr_count 6
		.amdhsa_user_sgpr_private_segment_buffer 1
		.amdhsa_user_sgpr_kernarg_segment_ptr 1
		.amdhsa_system_sgpr_workgroup_id_x 1
		.amdhsa_system_vgpr_workitem_id 0
		.amdhsa_wavefront_size32 1
	.end_amdhsa_kernel
